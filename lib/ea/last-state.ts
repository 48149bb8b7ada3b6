import { eaAccountState, type EaAccountState } from "./schemas";

/** The account state an EA last reported (ea_devices.last_state), or null when there is none or it is unreadable. */
export function readLastState(lastState: unknown): EaAccountState | null {
  if (lastState === null || lastState === undefined) return null;
  const parsed = eaAccountState.safeParse(lastState);
  return parsed.success ? parsed.data : null;
}
