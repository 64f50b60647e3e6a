/** A timestamp from the server in the reader's language; as given when it is not a date. */
export function formatTime(format: Intl.DateTimeFormat, iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : format.format(d);
}
