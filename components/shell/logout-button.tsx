"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { api } from "@/components/api-client";

export function LogoutButton() {
  const router = useRouter();
  const [busy, setBusy] = useState(false);
  return (
    <button
      type="button"
      disabled={busy}
      className="rounded-md px-3 py-1.5 text-sm text-muted hover:bg-surface-2 hover:text-text"
      onClick={async () => {
        setBusy(true);
        await api("/auth/logout", { method: "POST" }).catch(() => undefined);
        router.push("/login");
        router.refresh();
      }}
    >
      Sign out
    </button>
  );
}
