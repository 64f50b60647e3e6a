/** One physical input line after the read stage: prefixes (timestamps, syslog headers) taken off. */
export interface LogLine {
  /** Name of the input (file name, `-` for stdin, or a name given through the API). */
  input: string;
  /** 1-based line number in that input. */
  lineNo: number;
  /** The line as read, made printable (control characters and ANSI escapes removed, capped in length). */
  raw: string;
  /** The message: `raw` without syslog header, sequence number, timestamps; leading indentation kept. */
  body: string;
  /** Device that printed the line, when a syslog header, a prompt or a `=Name=` separator told. */
  device?: string;
  /** Timestamp text as printed (uptime `1d00h`, `*Mar  1 00:01:18.619`, ISO, …). */
  time?: string;
  /** True when the line was longer than the read cap and was cut. */
  truncated?: boolean;
}

/** Where a finding's evidence points: 1-based line in a named input. */
export interface Evidence {
  input: string;
  line: number;
  text: string;
}

export function evidenceOf(line: LogLine): Evidence {
  return { input: line.input, line: line.lineNo, text: line.raw };
}
