import Link from "next/link";
import { requireUser } from "@/lib/http/page-session";
import { ThemeToggle } from "@/components/shell/theme-toggle";
import { LogoutButton } from "@/components/shell/logout-button";
import { NavLinks, type NavItem } from "@/components/shell/nav-links";

export const dynamic = "force-dynamic";

const NAV: NavItem[] = [
  { href: "/dashboard", label: "Overview" },
  { href: "/accounts", label: "Accounts" },
];

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser();
  return (
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
      <main className="mx-auto max-w-7xl space-y-4 px-4 py-6">{children}</main>
    </div>
  );
}
