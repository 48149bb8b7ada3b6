import net from "node:net";

/** TradingView's published webhook source addresses (the "tradingview" preset). */
export const TRADINGVIEW_IPS = ["52.89.214.238", "34.212.75.30", "54.218.53.128", "52.32.178.7"];

export const IP_PRESETS: Record<string, string[]> = { tradingview: TRADINGVIEW_IPS };

// Own keys only: `"constructor" in IP_PRESETS` is true too, and such an entry would break every alert's check.
const presetOf = (entry: string): string[] | undefined => (Object.hasOwn(IP_PRESETS, entry) ? IP_PRESETS[entry] : undefined);

/** True when an entry is an IPv4/IPv6 address, a CIDR range, or a preset name. */
export function isValidAllowlistEntry(entry: string): boolean {
  if (presetOf(entry)) return true;
  const parts = entry.split("/");
  if (parts.length > 2) return false;
  const [addr, bits] = parts;
  const family = net.isIP(addr);
  if (!family) return false;
  if (bits === undefined) return true;
  const n = Number(bits);
  return /^\d{1,3}$/.test(bits) && n >= 0 && n <= (family === 4 ? 32 : 128);
}

/** Expands presets into addresses. */
export function expandAllowlist(entries: string[]): string[] {
  return entries.flatMap((e) => presetOf(e) ?? [e]);
}

/** True when the allowlist is empty (no restriction) or the IP matches an address or range in it. */
export function ipAllowed(entries: string[], ip: string): boolean {
  if (entries.length === 0) return true;
  const family = net.isIP(ip);
  if (!family) return false;
  const list = new net.BlockList();
  for (const e of expandAllowlist(entries)) {
    const [addr, bits] = e.split("/");
    const type = net.isIP(addr) === 6 ? "ipv6" : "ipv4";
    if (bits === undefined) list.addAddress(addr, type);
    else list.addSubnet(addr, Number(bits), type);
  }
  return list.check(ip, family === 6 ? "ipv6" : "ipv4");
}
