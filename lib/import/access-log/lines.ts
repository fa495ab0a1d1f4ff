import { LONG_LINE_MEASURE_FACTOR } from "./limits";

export type LineSink = {
  /** Handles one line, bytes [start, end) of buf without the "\n"; false stops the reading. */
  line(buf: Buffer, start: number, end: number): boolean;
  /** The next line is longer than allowed: `bytes` long (or at least that, when not `exact`). */
  tooLong(bytes: number, exact: boolean): void;
};

/**
 * Cuts chunks into lines without copying, except for a line split across two chunks. Never
 * holds more than maxLineLength bytes: a longer line is measured (up to a bound) and reported.
 */
export class LineSplitter {
  private carry: Buffer | null = null;
  /** Bytes seen so far of an over-long line, or -1. */
  private overLong = -1;

  constructor(
    private readonly max: number,
    private readonly sink: LineSink,
  ) {}

  push(chunk: Buffer): boolean {
    let start = 0;
    if (this.overLong >= 0 || this.carry) {
      const newline = chunk.indexOf(10);
      if (newline < 0) return this.accumulate(chunk);
      if (this.overLong >= 0) return this.reportTooLong(this.overLong + newline, true);
      const carry = this.carry!;
      this.carry = null;
      if (carry.length + newline > this.max) return this.reportTooLong(carry.length + newline, true);
      const line = Buffer.concat([carry, chunk.subarray(0, newline)]);
      if (!this.sink.line(line, 0, line.length)) return false;
      start = newline + 1;
    }
    for (let newline = chunk.indexOf(10, start); newline >= 0; newline = chunk.indexOf(10, start)) {
      if (newline - start > this.max) return this.reportTooLong(newline - start, true);
      if (!this.sink.line(chunk, start, newline)) return false;
      start = newline + 1;
    }
    return start < chunk.length ? this.accumulate(chunk.subarray(start)) : true;
  }

  /** End of input: the last line may lack its "\n". */
  end(): void {
    if (this.overLong >= 0) this.reportTooLong(this.overLong, true);
    else if (this.carry) this.sink.line(this.carry, 0, this.carry.length);
  }

  /** A piece with no "\n": part of a line that continues in the next chunk. */
  private accumulate(piece: Buffer): boolean {
    if (this.overLong >= 0) {
      this.overLong += piece.length;
      return this.overLong > this.max * LONG_LINE_MEASURE_FACTOR ? this.reportTooLong(this.overLong, false) : true;
    }
    const length = (this.carry?.length ?? 0) + piece.length;
    if (length > this.max) {
      // Stop holding the line; only count its bytes until its end shows up.
      this.carry = null;
      this.overLong = length;
      return true;
    }
    // A copy: the rest of the chunk is not held, and a producer may reuse its chunk buffers.
    this.carry = this.carry ? Buffer.concat([this.carry, piece]) : Buffer.from(piece);
    return true;
  }

  private reportTooLong(bytes: number, exact: boolean): false {
    this.sink.tooLong(bytes, exact);
    return false;
  }
}
