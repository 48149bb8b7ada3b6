import type { InputHTMLAttributes, ReactNode, SelectHTMLAttributes } from "react";

const control =
  "w-full rounded-md border border-border bg-surface px-3 py-2 text-sm text-text placeholder:text-muted aria-[invalid=true]:border-loss";

type FieldProps = { label: string; hint?: ReactNode; error?: string | null; id: string };

/** The control's accessibility wiring: invalid when there is an error, described by its hint and error. */
function controlAria({ id, hint, error }: Omit<FieldProps, "label">) {
  const described = [hint ? `${id}-hint` : null, error ? `${id}-error` : null].filter(Boolean).join(" ") || undefined;
  return { "aria-invalid": error ? true : undefined, "aria-describedby": described };
}

/** Label, control, hint and error: the frame every field shares. */
function FieldFrame({ label, hint, error, id, children }: FieldProps & { children: ReactNode }) {
  return (
    <div className="space-y-1">
      <label htmlFor={id} className="block text-sm font-medium">
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="text-xs text-muted">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={`${id}-error`} className="text-xs text-loss">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** A labelled input with its hint and error, wired with aria-describedby. */
export function TextField({ label, hint, error, id, ...props }: FieldProps & InputHTMLAttributes<HTMLInputElement>) {
  return (
    <FieldFrame label={label} hint={hint} error={error} id={id}>
      <input id={id} className={control} {...controlAria({ id, hint, error })} {...props} />
    </FieldFrame>
  );
}

/** A labelled select with its hint and error, wired with aria-describedby. */
export function SelectField({ label, hint, error, id, children, ...props }: FieldProps & SelectHTMLAttributes<HTMLSelectElement>) {
  return (
    <FieldFrame label={label} hint={hint} error={error} id={id}>
      <select id={id} className={control} {...controlAria({ id, hint, error })} {...props}>
        {children}
      </select>
    </FieldFrame>
  );
}
