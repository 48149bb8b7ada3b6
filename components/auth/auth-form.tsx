"use client";

import { useState, type FormEvent } from "react";
import { useRouter } from "next/navigation";
import Link from "next/link";
import { api, ApiError } from "@/components/api-client";
import { Button } from "@/components/ui/button";
import { TextField } from "@/components/ui/field";

/** Sign-in and sign-up in one form: field errors inline, one message for the rest. */
export function AuthForm({ mode }: { mode: "login" | "signup" }) {
  const router = useRouter();
  const [error, setError] = useState<ApiError | null>(null);
  const [busy, setBusy] = useState(false);
  const [needsTotp, setNeedsTotp] = useState(false);

  async function submit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body: Record<string, string> = { email: String(form.get("email") ?? ""), password: String(form.get("password") ?? "") };
    if (mode === "signup") body.name = String(form.get("name") ?? "");
    if (needsTotp) body.totp_code = String(form.get("totp_code") ?? "");
    setBusy(true);
    setError(null);
    try {
      await api(`/auth/${mode}`, { body });
      router.push("/dashboard");
      router.refresh();
    } catch (err) {
      const apiErr = err instanceof ApiError ? err : new ApiError("Network error: check your connection and try again.", 0, "network");
      if (apiErr.code === "totp_required") setNeedsTotp(true);
      setError(apiErr);
      setBusy(false);
    }
  }

  const title = mode === "login" ? "Sign in to Unify" : "Create your Unify account";
  return (
    <form onSubmit={submit} className="w-full max-w-sm space-y-4 rounded-lg border border-border bg-surface p-6" noValidate>
      <h1 className="text-xl font-semibold">{title}</h1>
      {mode === "signup" ? <TextField id="name" name="name" label="Name" autoComplete="name" required maxLength={100} error={error?.fieldError("name")} /> : null}
      <TextField id="email" name="email" type="email" label="Email" autoComplete="email" required error={error?.fieldError("email")} />
      <TextField
        id="password"
        name="password"
        type="password"
        label="Password"
        autoComplete={mode === "login" ? "current-password" : "new-password"}
        required
        minLength={mode === "signup" ? 10 : undefined}
        hint={mode === "signup" ? "At least 10 characters." : undefined}
        error={error?.fieldError("password")}
      />
      {needsTotp ? (
        <TextField id="totp_code" name="totp_code" label="Two-factor code" inputMode="numeric" autoComplete="one-time-code" hint="The 6-digit code from your app, or a backup code." />
      ) : null}
      <div role="alert" aria-live="assertive" className="min-h-5 text-sm text-loss">
        {error && error.errors.length === 0 ? error.message : null}
      </div>
      <Button type="submit" className="w-full" disabled={busy}>
        {busy ? "Please wait…" : mode === "login" ? "Sign in" : "Start free trial"}
      </Button>
      <p className="text-center text-sm text-muted">
        {mode === "login" ? (
          <>
            New here? <Link className="text-primary underline" href="/signup">Create an account</Link>
          </>
        ) : (
          <>
            Already have an account? <Link className="text-primary underline" href="/login">Sign in</Link>
          </>
        )}
      </p>
    </form>
  );
}
