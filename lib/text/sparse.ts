// Compressed sparse row matrices (scipy.sparse.csr_matrix layout): row r's entries are
// data[indptr[r] .. indptr[r+1]) at columns indices[...], columns sorted within a row.

import { tensor, type Tensor } from "../core";

/** A CSR sparse matrix of float64 values. */
export class CsrMatrix {
  readonly shape: [number, number];
  readonly indptr: Int32Array;
  readonly indices: Int32Array;
  readonly data: Float64Array;

  constructor(shape: [number, number], indptr: Int32Array, indices: Int32Array, data: Float64Array) {
    const [rows, cols] = shape;
    if (indptr.length !== rows + 1) throw new Error(`CsrMatrix: indptr has ${indptr.length} entries, a [${rows}, ${cols}] matrix needs ${rows + 1}`);
    if (indices.length !== data.length) throw new Error(`CsrMatrix: ${indices.length} column indices but ${data.length} values`);
    if (indptr[rows] !== data.length) throw new Error(`CsrMatrix: indptr ends at ${indptr[rows]} but there are ${data.length} values`);
    for (let i = 0; i < indices.length; i++) {
      if (indices[i] < 0 || indices[i] >= cols) throw new Error(`CsrMatrix: column index ${indices[i]} is outside [0, ${cols})`);
    }
    this.shape = [rows, cols];
    this.indptr = indptr;
    this.indices = indices;
    this.data = data;
  }

  /**
   * Builds a CSR matrix from rows given as column → value maps (zeros dropped, columns sorted).
   * @example
   * CsrMatrix.fromRows([new Map([[2, 1]]), new Map()], 3).toDense(); // [[0,0,1],[0,0,0]]
   */
  static fromRows(rows: Map<number, number>[], cols: number): CsrMatrix {
    const indptr = new Int32Array(rows.length + 1);
    let nnz = 0;
    rows.forEach((row, r) => {
      for (const v of row.values()) if (v !== 0) nnz++;
      indptr[r + 1] = nnz;
    });
    const indices = new Int32Array(nnz);
    const data = new Float64Array(nnz);
    let p = 0;
    for (const row of rows) {
      const entries = [...row.entries()].filter(([, v]) => v !== 0).sort((a, b) => a[0] - b[0]);
      for (const [c, v] of entries) {
        indices[p] = c;
        data[p++] = v;
      }
    }
    return new CsrMatrix([rows.length, cols], indptr, indices, data);
  }

  /** Number of stored (non-zero) values. */
  get nnz(): number {
    return this.data.length;
  }

  /** Fraction of zero cells. */
  get sparsity(): number {
    const cells = this.shape[0] * this.shape[1];
    return cells === 0 ? 0 : 1 - this.nnz / cells;
  }

  /** The value at (row, col). */
  get(row: number, col: number): number {
    this.checkRow("get", row);
    for (let p = this.indptr[row]; p < this.indptr[row + 1]; p++) if (this.indices[p] === col) return this.data[p];
    return 0;
  }

  /** One row as a dense Float64Array. */
  row(row: number): Float64Array {
    this.checkRow("row", row);
    const out = new Float64Array(this.shape[1]);
    for (let p = this.indptr[row]; p < this.indptr[row + 1]; p++) out[this.indices[p]] = this.data[p];
    return out;
  }

  /** A dense row-major Float64Array of shape [rows, cols]. */
  toDenseArray(): Float64Array {
    const [rows, cols] = this.shape;
    const out = new Float64Array(rows * cols);
    for (let r = 0; r < rows; r++) {
      for (let p = this.indptr[r]; p < this.indptr[r + 1]; p++) out[r * cols + this.indices[p]] = this.data[p];
    }
    return out;
  }

  /** Nested arrays, for printing small matrices. */
  toDense(): number[][] {
    const [rows, cols] = this.shape;
    const flat = this.toDenseArray();
    return Array.from({ length: rows }, (_, r) => Array.from(flat.subarray(r * cols, (r + 1) * cols)));
  }

  /**
   * The dense matrix as a float32 tensor [rows, cols] (mind the size: rows·cols floats).
   * @example
   * new CountVectorizer().fitTransform(["a b", "b c"]).toTensor().shape; // [2, 3]
   */
  toTensor(): Tensor {
    const cells = this.shape[0] * this.shape[1];
    if (cells > 2 ** 28) throw new Error(`CsrMatrix.toTensor: [${this.shape}] would need ${cells} dense floats; select rows first (selectRows) or keep it sparse`);
    return tensor(Float32Array.from(this.toDenseArray()), { dtype: "float32" }).reshape([...this.shape]);
  }

  /** Matrix × dense vector. */
  matvec(x: ArrayLike<number>): Float64Array {
    if (x.length !== this.shape[1]) throw new Error(`CsrMatrix.matvec: cannot multiply [${this.shape}] by a vector of length ${x.length}`);
    const out = new Float64Array(this.shape[0]);
    for (let r = 0; r < this.shape[0]; r++) {
      let s = 0;
      for (let p = this.indptr[r]; p < this.indptr[r + 1]; p++) s += this.data[p] * x[this.indices[p]];
      out[r] = s;
    }
    return out;
  }

  /** A new matrix with the same pattern and values mapped by f(value, row, col). */
  map(f: (value: number, row: number, col: number) => number): CsrMatrix {
    const data = new Float64Array(this.data.length);
    for (let r = 0; r < this.shape[0]; r++) {
      for (let p = this.indptr[r]; p < this.indptr[r + 1]; p++) data[p] = f(this.data[p], r, this.indices[p]);
    }
    return new CsrMatrix(this.shape, this.indptr, this.indices, data);
  }

  /** Rows picked by index, in order (for train/test splits). */
  selectRows(rows: ArrayLike<number>): CsrMatrix {
    const picked: Map<number, number>[] = [];
    for (let i = 0; i < rows.length; i++) {
      const r = rows[i];
      this.checkRow("selectRows", r);
      const m = new Map<number, number>();
      for (let p = this.indptr[r]; p < this.indptr[r + 1]; p++) m.set(this.indices[p], this.data[p]);
      picked.push(m);
    }
    return CsrMatrix.fromRows(picked, this.shape[1]);
  }

  private checkRow(op: string, row: number): void {
    if (!Number.isInteger(row) || row < 0 || row >= this.shape[0]) throw new Error(`CsrMatrix.${op}: row ${row} is outside [0, ${this.shape[0]})`);
  }

  toString(): string {
    return `CsrMatrix [${this.shape[0]}, ${this.shape[1]}] with ${this.nnz} stored values (${(100 * this.sparsity).toFixed(1)}% zeros)`;
  }
}
