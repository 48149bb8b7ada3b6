import Link from "next/link";
import { requireUser } from "@/lib/http/page-session";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { LogoutButton } from "@/components/shell/logout-button";
import { NavLinks, type NavItem } from "@/components/shell/nav-links";
import { HealthBanner } from "@/components/shell/health-banner";
import { EmergencyBanner } from "@/components/shell/emergency-banner";
import { ToastProvider } from "@/components/ui/toast";
import { listAccounts } from "@/lib/accounts/list-accounts";
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

const NAV: NavItem[] = [
  { href: "/dashboard", label: "Overview" },
  { href: "/positions", label: "Positions" },
  { href: "/accounts", label: "Accounts" },
  { href: "/webhooks", label: "Webhooks" },
  { href: "/playground", label: "Playground" },
  { href: "/risk", label: "Risk" },
  { href: "/analytics", label: "Analytics" },
  { href: "/activity", label: "Activity" },
  { href: "/settings", label: "Settings" },
];

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  const [accounts, health] = await Promise.all([listAccounts(user), checkHealth()]);
  return (
    <ToastProvider>
      <div className="min-h-screen">
        <header className="border-b border-border bg-surface">
          <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-3 px-4 py-2">
            <Link href="/dashboard" className="text-lg font-bold tracking-tight">
              Unify
            </Link>
            <div className="order-3 w-full sm:order-none sm:w-auto sm:flex-1">
              <NavLinks items={NAV} />
            </div>
            <div className="ml-auto flex items-center gap-2">
              <span className="hidden text-sm text-muted md:inline" data-testid="user-email">
                {user.email} · {user.plan}
              </span>
              <ThemeToggle />
              <LogoutButton />
            </div>
          </div>
        </header>
        <div className="mx-auto max-w-7xl space-y-2 px-4 pt-3">
          <HealthBanner initial={{ status: health.status, brokers: health.brokers, db: health.db, bus: health.bus }} />
          <EmergencyBanner initial={accounts.map((a) => ({ id: a.id, name: a.name, status: a.status, status_reason: a.status_reason }))} />
        </div>
        <main className="mx-auto max-w-7xl space-y-4 px-4 py-4">{children}</main>
      </div>
    </ToastProvider>
  );
}
