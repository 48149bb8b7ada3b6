import type { AuthenticatedDevice } from "./authenticate-device";
import { recordPoll } from "./record-poll";
import { sealAad, sealAnswer } from "./seal-commands";
import type { EaPollBody, PollAnswer, WireCommand } from "./schemas";

/**
 * The answer to a poll: `{commands}`, or `{sealed}` (AES-256-GCM of that same JSON, see
 * seal-commands.ts) when the device is set to sealed commands or the EA asked for them
 * (header X-Seal-Commands: 1).
 */
export function buildPollAnswer(device: AuthenticatedDevice, commands: WireCommand[], sealRequested: boolean): PollAnswer {
  const plain = { commands };
  if (!device.sealCommands && !sealRequested) return plain;
  return sealAnswer(JSON.stringify(plain), device.secret, sealAad(device.id, device.signature.t));
}

/** Handles one authenticated poll: records the account state, collects the queued commands, builds the answer. */
export async function handlePoll(device: AuthenticatedDevice, body: EaPollBody, opts: { sealRequested: boolean; now?: Date }): Promise<PollAnswer> {
  const commands = await recordPoll(device, body.account_state, opts.now);
  return buildPollAnswer(device, commands, opts.sealRequested);
}
