// Incremental reader of the RAP1 / RAP2 instance formats (../shared/bench/assignment/README.md).
// Pure: the caller feeds byte chunks (any split, even inside a number) and gets typed arrays back.

export interface RapInstance {
  format: 'RAP1' | 'RAP2';
  P: number;
  R: number;
  E: number;
  k: Int32Array;
  cap: Int32Array;
  /** Organisation per reviewer (-1 = none); null for RAP1. */
  org: Int32Array | null;
  ep: Int32Array;
  er: Int32Array;
  ea: Int32Array;
}

enum Stage {
  Header,
  Body,
  Done,
}

/** Streaming parser: `push(chunk)` repeatedly, then `finish()`. */
export class RapParser {
  private stage = Stage.Header;
  private head = '';
  private format: 'RAP1' | 'RAP2' = 'RAP1';
  private P = 0;
  private R = 0;
  private E = 0;
  private k = new Int32Array(0);
  private cap = new Int32Array(0);
  private org: Int32Array | null = null;
  private ep = new Int32Array(0);
  private er = new Int32Array(0);
  private ea = new Int32Array(0);
  // number tokenizer state carried across chunks
  private idx = 0; // index of the next integer in the body
  private total = 0;
  private cur = 0;
  private neg = false;
  private inNum = false;

  push(chunk: Uint8Array): void {
    let i = 0;
    if (this.stage === Stage.Header) {
      i = this.readHeader(chunk);
      if (this.stage === Stage.Header) return;
    }
    if (this.stage === Stage.Body) this.readBody(chunk, i);
    else if (this.stage === Stage.Done) this.checkTrailing(chunk, i);
  }

  finish(): RapInstance {
    if (this.stage === Stage.Header) throw new Error('not a RAP1/RAP2 file (no header found)');
    if (this.inNum) {
      this.emit(this.neg ? -this.cur : this.cur);
      this.inNum = false;
    }
    if (this.idx < this.total)
      throw new Error(`unexpected end of file: read ${this.idx} of ${this.total} integers after the header`);
    return {
      format: this.format,
      P: this.P,
      R: this.R,
      E: this.E,
      k: this.k,
      cap: this.cap,
      org: this.org,
      ep: this.ep,
      er: this.er,
      ea: this.ea,
    };
  }

  // Accumulates text up to the end of the header line; returns the offset in chunk where the body starts.
  private readHeader(chunk: Uint8Array): number {
    let i = 0;
    while (i < chunk.length) {
      const c = chunk[i++];
      if (c !== 10) {
        this.head += String.fromCharCode(c);
        if (this.head.length > 1 << 16) throw new Error('header line too long');
        continue;
      }
      const line = this.head.trim();
      this.head = '';
      if (line === '' || line.startsWith('#')) continue;
      const m = /^(RAP[12])\s+(\d+)\s+(\d+)\s+(\d+)$/.exec(line);
      if (!m) throw new Error(`not a RAP1/RAP2 header: "${line.slice(0, 60)}"`);
      this.format = m[1] as 'RAP1' | 'RAP2';
      this.P = Number(m[2]);
      this.R = Number(m[3]);
      this.E = Number(m[4]);
      this.k = new Int32Array(this.P);
      this.cap = new Int32Array(this.R);
      this.org = this.format === 'RAP2' ? new Int32Array(this.R) : null;
      this.ep = new Int32Array(this.E);
      this.er = new Int32Array(this.E);
      this.ea = new Int32Array(this.E);
      this.total = this.P + this.R + (this.org ? this.R : 0) + 3 * this.E;
      this.stage = this.total === 0 ? Stage.Done : Stage.Body;
      return i;
    }
    return i;
  }

  private readBody(chunk: Uint8Array, start: number): void {
    let cur = this.cur;
    let neg = this.neg;
    let inNum = this.inNum;
    const n = chunk.length;
    // fast path for the edge section: most of the file
    for (let i = start; i < n; i++) {
      const c = chunk[i];
      if (c >= 48 && c <= 57) {
        cur = cur * 10 + (c - 48);
        inNum = true;
      } else if (c === 45 && !inNum) {
        neg = true;
      } else if (c === 32 || c === 10 || c === 13 || c === 9) {
        if (inNum) {
          this.emit(neg ? -cur : cur);
          cur = 0;
          neg = false;
          inNum = false;
          if (this.idx === this.total) {
            this.stage = Stage.Done;
            this.cur = 0;
            this.neg = false;
            this.inNum = false;
            this.checkTrailing(chunk, i + 1);
            return;
          }
        } else if (neg) throw new Error('stray "-" in input');
      } else {
        throw new Error(`unexpected character ${JSON.stringify(String.fromCharCode(c))} after the header`);
      }
    }
    this.cur = cur;
    this.neg = neg;
    this.inNum = inNum;
  }

  private checkTrailing(chunk: Uint8Array, start: number): void {
    for (let i = start; i < chunk.length; i++) {
      const c = chunk[i];
      if (c !== 32 && c !== 10 && c !== 13 && c !== 9)
        throw new Error('more integers than the header announces');
    }
  }

  private emit(x: number): void {
    let j = this.idx++;
    if (j >= this.total) throw new Error('more integers than the header announces');
    if (j < this.P) {
      this.k[j] = nonNeg(x, 'demand');
      return;
    }
    j -= this.P;
    if (j < this.R) {
      this.cap[j] = nonNeg(x, 'capacity');
      return;
    }
    j -= this.R;
    if (this.org) {
      if (j < this.R) {
        if (x < -1 || x > 2147483647) throw new Error(`bad organisation id ${x} of reviewer ${j}`);
        this.org[j] = x;
        return;
      }
      j -= this.R;
    }
    const e = (j / 3) | 0;
    const f = j - 3 * e;
    if (f === 0) {
      if (x < 0 || x >= this.P) throw new Error(`edge ${e}: item id ${x} out of range`);
      this.ep[e] = x;
    } else if (f === 1) {
      if (x < 0 || x >= this.R) throw new Error(`edge ${e}: reviewer id ${x} out of range`);
      this.er[e] = x;
    } else {
      if (x < -1 || x > 2147483647) throw new Error(`edge ${e}: affinity ${x} out of range`);
      this.ea[e] = x;
    }
  }
}

function nonNeg(x: number, what: string): number {
  if (!(x >= 0 && x <= 2147483647)) throw new Error(`bad ${what} ${x}`);
  return x;
}

/** Parses a whole in-memory RAP file. */
export function parseRap(bytes: Uint8Array): RapInstance {
  const parser = new RapParser();
  parser.push(bytes);
  return parser.finish();
}
