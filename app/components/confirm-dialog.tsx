// An action that asks once more before it happens (cancel a seat, withdraw an entry, approve an
// application — issue #12 item 7). The trigger is a link to the page's confirm step (`?confirm=…`),
// which is what a browser without JavaScript gets. With JavaScript the same question opens in a
// native modal <dialog>: showModal() makes the rest of the page inert (focus stays inside), Esc
// closes it, and its form posts exactly what the confirm step's form posts.
// A <dialog> is not phrasing content: never put this inside a <p> (the parser would end the <p>).
import { Form, Link } from "@remix-run/react";
import { useId, useRef } from "react";

export type ConfirmDialogProps = {
  /** The confirm step's URL, for browsers without JavaScript (and as the link's address). */
  to: string;
  /** The trigger's text and class. */
  label: string;
  className: string;
  title?: string;
  body: string;
  confirmLabel: string;
  keepLabel: string;
  confirmClassName?: string;
  /** Posted with the confirmation (e.g. { intent: "withdraw", entryId }). */
  fields: Record<string, string>;
  testId?: string;
};

export function ConfirmDialog(props: ConfirmDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const keep = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const bodyId = useId();
  const open = (event: React.MouseEvent) => {
    const d = dialog.current;
    if (!d || typeof d.showModal !== "function") return; // an old browser: follow the link to the step page
    event.preventDefault();
    d.showModal();
    keep.current?.focus(); // the safe choice is the one under the finger
  };
  return (
    <>
      <Link to={props.to} className={props.className} onClick={open}>
        {props.label}
      </Link>
      <dialog
        ref={dialog}
        aria-labelledby={props.title ? titleId : undefined}
        aria-describedby={bodyId}
        className="w-[min(28rem,calc(100vw-2rem))] rounded-lg p-0 shadow-xl backdrop:bg-black/40"
        data-testid={props.testId}
      >
        <Form method="post" className="space-y-3 p-4" onSubmit={() => dialog.current?.close()}>
          {props.title ? (
            <h2 id={titleId} className="font-semibold">
              {props.title}
            </h2>
          ) : null}
          <p id={bodyId} className="text-sm text-gray-700">
            {props.body}
          </p>
          {Object.entries(props.fields).map(([name, value]) => (
            <input key={name} type="hidden" name={name} value={value} />
          ))}
          <div className="flex flex-wrap justify-end gap-2">
            <button ref={keep} type="button" className="btn-secondary" onClick={() => dialog.current?.close()}>
              {props.keepLabel}
            </button>
            <button type="submit" className={props.confirmClassName ?? "btn-danger"}>
              {props.confirmLabel}
            </button>
          </div>
        </Form>
      </dialog>
    </>
  );
}
