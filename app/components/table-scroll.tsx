// A box a wide table scrolls sideways in on a 360 px phone. It can take keyboard focus, so the table
// can be scrolled without a mouse (axe: scrollable-region-focusable), and is named for screen readers.
import type { ReactNode } from "react";

export function TableScroll({
  label,
  className,
  children,
}: {
  label: string;
  className?: string;
  children: ReactNode;
}) {
  return (
    <div
      className={className ? `overflow-x-auto ${className}` : "overflow-x-auto"}
      // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex -- a scroll region must be reachable by keyboard
      tabIndex={0}
      role="region"
      aria-label={label}
    >
      {children}
    </div>
  );
}
