import type { LogView } from "@/lib/activity/list-logs";
import { CorrelationLink } from "./correlation-link";
import { JsonDetails } from "./json-details";
import { LocalTime } from "./local-time";
import { LogLevel } from "./log-level";

/** One activity-log entry: level, time, type, message, its correlation id and its data. */
export function LogRow({ log }: { log: LogView }) {
  return (
    <li className="py-2 text-sm" data-testid="log-row" data-level={log.level}>
      <div className="flex flex-wrap items-start gap-x-3 gap-y-1">
        <LogLevel level={log.level} />
        <LocalTime iso={log.created_at} className="text-xs text-muted" />
        <span className="rounded bg-surface-2 px-1.5 text-xs text-muted">{log.type.replace("_", " ")}</span>
        <CorrelationLink id={log.correlation_id} />
      </div>
      <p className="mt-1 break-words">{log.message}</p>
      <JsonDetails label="Data" value={log.data} />
    </li>
  );
}
