import { useEffect, useRef, useState } from "react";
import { ErrorList } from "~/components/forms";
import { useT } from "~/utils/i18n";
import { acceptFor, type UploadPurpose } from "~/utils/upload-rules";

// A file field that works without JavaScript (a plain <input type="file"> posted with the form,
// which must be encType="multipart/form-data") and, when JavaScript runs, uploads each chosen
// file at once to POST /files/upload with a progress bar, leaving only hidden `${name}Ids`
// inputs for the form. The action reads both with collectUploads() (~/utils/upload.server).

type Purpose = Extract<UploadPurpose, "activity_cover" | "entry_attachment">;
export type UploadedFile = { id: string; name: string; size: number };

type Props = {
  name: string;
  purpose: Purpose;
  label: React.ReactNode;
  multiple?: boolean;
  errors?: string[] | null;
  hint?: React.ReactNode;
  /** Files already uploaded (e.g. kept after a failed submit). */
  initialFiles?: UploadedFile[];
  id?: string;
};

type Pending = { key: number; name: string; percent: number };

function sizeLabel(bytes: number) {
  return bytes >= 1024 * 1024
    ? `${(bytes / 1024 / 1024).toFixed(1)} MB`
    : `${Math.max(1, Math.round(bytes / 1024))} KB`;
}

function uploadOne(file: File, purpose: Purpose, onProgress: (percent: number) => void, failedMessage: string) {
  return new Promise<UploadedFile>((resolve, reject) => {
    const body = new FormData();
    body.append("purpose", purpose);
    body.append("file", file);
    const xhr = new XMLHttpRequest();
    xhr.open("POST", `/files/upload?purpose=${purpose}`);
    xhr.responseType = "json";
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.min(99, Math.round((event.loaded / event.total) * 100)));
    };
    xhr.onload = () => {
      const reply = xhr.response as { files?: UploadedFile[]; error?: string } | null;
      if (xhr.status === 200 && reply?.files?.[0]) resolve(reply.files[0]);
      else reject(new Error(reply?.error ?? failedMessage));
    };
    xhr.onerror = () => reject(new Error(failedMessage));
    xhr.send(body);
  });
}

export function UploadField({ name, purpose, label, multiple = false, errors, hint, initialFiles = [], id }: Props) {
  const t = useT();
  const inputId = id ?? `upload-${name}`;
  const nextKey = useRef(0);
  const [hydrated, setHydrated] = useState(false);
  const [uploaded, setUploaded] = useState<UploadedFile[]>(initialFiles);
  const [pending, setPending] = useState<Pending[]>([]);
  const [uploadErrors, setUploadErrors] = useState<string[]>([]);
  useEffect(() => setHydrated(true), []);

  async function onChange(event: React.ChangeEvent<HTMLInputElement>) {
    if (!hydrated) return;
    const chosen = Array.from(event.target.files ?? []);
    // The bytes travel by XHR; the form itself must not send them again.
    event.target.value = "";
    if (chosen.length === 0) return;
    setUploadErrors([]);
    await Promise.all(
      chosen.map(async (file) => {
        const key = nextKey.current++;
        setPending((list) => [...list, { key, name: file.name, percent: 0 }]);
        try {
          const stored = await uploadOne(
            file,
            purpose,
            (percent) => setPending((list) => list.map((p) => (p.key === key ? { ...p, percent } : p))),
            t("upload.failed"),
          );
          // A single-file field keeps its current file until a replacement has arrived.
          setUploaded((list) => (multiple ? [...list, stored] : [stored]));
        } catch (error) {
          setUploadErrors((list) => [...list, `${file.name}: ${(error as Error).message}`]);
        } finally {
          setPending((list) => list.filter((p) => p.key !== key));
        }
      }),
    );
  }

  const busy = pending.length > 0;
  return (
    <div className="mb-4" data-upload-field={name} aria-busy={busy}>
      <label className="label" htmlFor={inputId}>
        {label}
      </label>
      <input
        id={inputId}
        type="file"
        name={name}
        multiple={multiple}
        accept={acceptFor(purpose)}
        onChange={onChange}
        className="block w-full max-w-full text-sm file:mr-3 file:rounded-md file:border-0 file:bg-gray-100 file:px-3 file:py-2"
      />
      {hint ? <p className="mt-1 text-xs text-gray-500">{hint}</p> : null}
      {pending.map((p) => (
        <div key={p.key} className="mt-2 text-sm" role="status">
          <div className="flex justify-between gap-2">
            <span className="truncate">{p.name}</span>
            <span className="shrink-0">{t("common.uploading", { percent: p.percent })}</span>
          </div>
          <progress className="h-2 w-full" max={100} value={p.percent} />
        </div>
      ))}
      {uploaded.length > 0 ? (
        <ul className="mt-2 space-y-1 text-sm" aria-label={t("upload.uploaded")}>
          {uploaded.map((file) => (
            <li
              key={file.id}
              className="flex items-center justify-between gap-2 rounded border border-gray-200 bg-white px-2 py-1"
            >
              <input type="hidden" name={`${name}Ids`} value={file.id} />
              <span className="min-w-0 truncate">
                {file.name} <span className="text-gray-500">({sizeLabel(file.size)})</span>
              </span>
              <button
                type="button"
                className="shrink-0 text-red-700 hover:underline"
                onClick={() => setUploaded((list) => list.filter((f) => f.id !== file.id))}
              >
                {t("upload.remove")}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      <ErrorList errors={[...uploadErrors, ...(errors ?? [])]} />
    </div>
  );
}
