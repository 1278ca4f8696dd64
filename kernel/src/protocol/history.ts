// The session's input history, answered to history_request (tail, range, search).
import type { HistoryEntry, HistoryRequestContent } from "./messages";

interface Cell {
  line: number;
  input: string;
  output: string | null;
}

/** Glob as IPython's history search reads it (sqlite GLOB): `*`, `?`, `[…]`, matched against the whole cell. */
export function globToRegExp(pattern: string): RegExp {
  let source = "";
  for (let i = 0; i < pattern.length; i++) {
    const char = pattern[i];
    if (char === "*") source += "[\\s\\S]*";
    else if (char === "?") source += "[\\s\\S]";
    else if (char === "[") {
      const end = pattern.indexOf("]", i + 2);
      if (end < 0) source += "\\[";
      else {
        let set = pattern.slice(i + 1, end);
        if (set.startsWith("!") || set.startsWith("^")) set = `^${set.slice(1)}`;
        source += `[${set.replace(/\\/g, "\\\\")}]`;
        i = end;
      }
    } else source += char.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
  }
  return new RegExp(`^${source}$`);
}

export class History {
  /** One session per kernel process; earlier sessions are not kept. */
  readonly session = 1;
  private readonly cells: Cell[] = [];

  add(line: number, input: string): void {
    this.cells.push({ line, input, output: null });
  }

  /** Records the text/plain result of a cell, returned when a request asks for output. */
  setOutput(line: number, output: string): void {
    for (let i = this.cells.length - 1; i >= 0; i--) {
      if (this.cells[i].line === line) {
        this.cells[i].output = output;
        return;
      }
    }
  }

  get length(): number {
    return this.cells.length;
  }

  query(request: HistoryRequestContent): HistoryEntry[] {
    let selected: Cell[];
    switch (request.hist_access_type) {
      case "tail":
        selected = typeof request.n === "number" && request.n >= 0 ? this.cells.slice(Math.max(0, this.cells.length - request.n)) : [...this.cells];
        break;
      case "range": {
        // Session 0 and negative sessions count back from the current one; only the current one is kept.
        const session = request.session ?? 0;
        if (session > 0 && session !== this.session) return [];
        if (session < 0) return [];
        const start = request.start ?? 0;
        const stop = request.stop ?? Number.POSITIVE_INFINITY;
        selected = this.cells.filter((cell) => cell.line >= start && cell.line < stop);
        break;
      }
      case "search": {
        const matcher = globToRegExp(request.pattern ?? "*");
        selected = this.cells.filter((cell) => matcher.test(cell.input));
        if (request.unique) {
          const seen = new Set<string>();
          selected = selected.reverse().filter((cell) => !seen.has(cell.input) && (seen.add(cell.input), true)).reverse();
        }
        if (typeof request.n === "number" && request.n >= 0) selected = selected.slice(Math.max(0, selected.length - request.n));
        break;
      }
      default:
        throw new Error(`history_request: hist_access_type must be "tail", "range" or "search", got ${JSON.stringify(request.hist_access_type)}`);
    }
    return selected.map((cell): HistoryEntry => (request.output ? [this.session, cell.line, [cell.input, cell.output]] : [this.session, cell.line, cell.input]));
  }
}
