import type { ShowEvent } from '../../model/events.js';
import type { LogLine } from '../../model/lines.js';
import type { ShowCommand } from '../../model/show.js';

/**
 * A parser for the output of one `show` command. The classifier offers it every line that is not
 * already inside another block; when `opens` says yes it starts a block and feeds it the following
 * lines until `accept` refuses one (that line is then classified afresh).
 *
 * Parsers must be linear in the input and must bound what a block holds (a block that grows past
 * its cap closes itself and a new one may open).
 */
export interface ShowParser {
  readonly command: ShowCommand;
  /**
   * Whether a line whose trimmed body is `text` opens output of this command. `hint` is the command
   * the last device prompt (`router#show crypto isakmp sa`) named, if any; headerless outputs may
   * rely on it. Asked of every parser for each line that may open a block: first-character tests
   * keep it cheap.
   */
  opens(text: string, hint: ShowCommand | undefined): boolean;
  /** A fresh block; the opening line is passed to `accept` first. */
  start(): ShowBlock;
}

export interface ShowBlock {
  /** Take the line if it belongs to this output; `false` ends the block without consuming it. */
  accept(line: LogLine): boolean;
  /** Records of the block (each with the lines it came from). Called once, after the last accept. */
  finish(): ShowEvent[];
}
