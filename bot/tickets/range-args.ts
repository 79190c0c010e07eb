// The command-line arguments the desk's reports share: --from/--to (Shanghai days; default this year
// to today), --format and --out. Bad input prints the reason with the usage line.
import { parseArgs } from "node:util";
import { shanghaiDay } from "./calendar.js";

export interface RangeArgs {
  from: string;
  to: string;
  format: string;
  out?: string;
}

/** The parsed arguments, or the exit code (0 after --help, 2 after bad input). */
export function parseRangeArgs(usage: string, formats: readonly string[]): RangeArgs | number {
  let args;
  try {
    args = parseArgs({
      options: {
        from: { type: "string" },
        to: { type: "string" },
        format: { type: "string", default: "md" },
        out: { type: "string" },
        help: { type: "boolean" },
      },
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n${usage}`);
    return 2;
  }
  if (args.help) {
    console.log(usage);
    return 0;
  }
  const year = shanghaiDay(Date.now()).slice(0, 4);
  const from = args.from ?? `${year}-01-01`;
  const to = args.to ?? shanghaiDay(Date.now());
  const isDate = (d: string) => /^\d{4}-\d{2}-\d{2}$/.test(d) && !Number.isNaN(Date.parse(d));
  if (!isDate(from) || !isDate(to) || from > to) {
    console.error(`日期无效：--from ${from} --to ${to}（格式 YYYY-MM-DD，且 from ≤ to）\n${usage}`);
    return 2;
  }
  if (!formats.includes(args.format!)) {
    console.error(`--format 只能是 ${formats.slice(0, -1).join("、")} 或 ${formats.at(-1)}\n${usage}`);
    return 2;
  }
  return { from, to, format: args.format!, out: args.out };
}
