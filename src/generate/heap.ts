/**
 * The bounded merge: a binary min-heap of event sources keyed by the time of their next record.
 * Its size is the number of sources (a few per tunnel), whatever the size of the log.
 */
export class SourceHeap {
  private readonly times: Float64Array;
  private readonly ids: Int32Array;
  private count = 0;

  constructor(capacity: number) {
    this.times = new Float64Array(capacity);
    this.ids = new Int32Array(capacity);
  }

  get size(): number {
    return this.count;
  }

  /** Time of the earliest source; the heap must not be empty. */
  get topTime(): number {
    return this.times[0]!;
  }

  get topId(): number {
    return this.ids[0]!;
  }

  push(time: number, id: number): void {
    let i = this.count++;
    while (i > 0) {
      const parent = (i - 1) >> 1;
      if (!this.before(time, id, this.times[parent]!, this.ids[parent]!)) break;
      this.times[i] = this.times[parent]!;
      this.ids[i] = this.ids[parent]!;
      i = parent;
    }
    this.times[i] = time;
    this.ids[i] = id;
  }

  /** Gives the top source a new time (or removes it when `time` is undefined) and restores order. */
  replaceTop(time: number | undefined): void {
    if (time === undefined) {
      this.count--;
      if (this.count === 0) return;
      time = this.times[this.count]!;
      this.ids[0] = this.ids[this.count]!;
    }
    const id = this.ids[0]!;
    let i = 0;
    for (;;) {
      const left = 2 * i + 1;
      if (left >= this.count) break;
      const right = left + 1;
      const child =
        right < this.count &&
        this.before(this.times[right]!, this.ids[right]!, this.times[left]!, this.ids[left]!)
          ? right
          : left;
      if (!this.before(this.times[child]!, this.ids[child]!, time, id)) break;
      this.times[i] = this.times[child]!;
      this.ids[i] = this.ids[child]!;
      i = child;
    }
    this.times[i] = time;
    this.ids[i] = id;
  }

  /** Earlier time first; at equal times the lower id, so the order never depends on the heap's shape. */
  private before(t1: number, id1: number, t2: number, id2: number): boolean {
    return t1 < t2 || (t1 === t2 && id1 < id2);
  }
}
