"use client";

import { useState, type FormEvent } from "react";
import { api, ApiError } from "@/components/api-client";
import { focusFirstError } from "./controls";
import { apiFieldErrors, type FieldErrors, type Parsed } from "./form-values";

type Options<Form, View, Body> = {
  /** The form's field-id prefix (fieldId(prefix, key)): where the first error gets focus. */
  prefix: string;
  initial: View;
  toForm: (view: View) => Form;
  parse: (form: Form) => Parsed<Body>;
  /** The API path saved with PUT: "/risk", "/trading-config" (the scope adds ?broker=). */
  path: string;
  /** "default", or the broker whose override this form edits. */
  scope: string;
  /** What the saved message says: "Risk settings saved for {scopeLabel}." */
  savedText: string;
  onSaved: (view: View) => void;
  /** More words for an invalid form, e.g. about a field that is not on screen. */
  invalidNote?: (errors: FieldErrors, form: Form) => string;
};

/**
 * A settings form's life: edit, check before saving (errors follow the edits after a first
 * attempt, the first bad field gets focus), PUT to the scope, show the API's field errors,
 * and say what happened in the status line.
 */
export function useSettingsForm<Form, View, Body>(o: Options<Form, View, Body>) {
  const [form, setForm] = useState<Form>(() => o.toForm(o.initial));
  const [errors, setErrors] = useState<FieldErrors>({});
  const [submitted, setSubmitted] = useState(false);
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState<{ text: string; error: boolean } | null>(null);

  const update = (next: Form) => {
    setForm(next);
    if (submitted) {
      const r = o.parse(next);
      setErrors(r.ok ? {} : r.errors);
    }
  };

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    setSubmitted(true);
    setStatus(null);
    const parsed = o.parse(form);
    if (!parsed.ok) {
      setErrors(parsed.errors);
      setStatus({ text: `Not saved: fix the highlighted fields.${o.invalidNote?.(parsed.errors, form) ?? ""}`, error: true });
      focusFirstError(o.prefix, Object.keys(parsed.errors));
      return;
    }
    setErrors({});
    setBusy(true);
    try {
      const query = o.scope === "default" ? "" : `?broker=${o.scope}`;
      const saved = await api<View>(`${o.path}${query}`, { method: "PUT", body: parsed.body });
      o.onSaved(saved);
      setForm(o.toForm(saved));
      setStatus({ text: o.savedText, error: false });
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : null;
      if (apiErr?.errors.length) setErrors(apiFieldErrors(apiErr.errors));
      setStatus({ text: apiErr?.message ?? "Not saved: Unify could not be reached.", error: true });
    } finally {
      setBusy(false);
    }
  }

  return { form, update, errors, busy, status, submit };
}
