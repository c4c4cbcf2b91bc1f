// Grows a coverage mask by a radius with round corners (a text outline). A Euclidean distance
// transform rather than a square morphology kernel, whose corners look boxy on thick outlines.

const FAR = 1e20;

/** Returns a mask covering every pixel within `radius` px of the mask's ink, antialiased. */
export function dilateMask(mask: Buffer, width: number, height: number, radius: number): Buffer {
  const n = width * height;
  // Squared distance to the nearest inked pixel (coverage ≥ 50 %), by rows then by columns.
  const dist = new Float64Array(n);
  for (let i = 0; i < n; i++) dist[i] = (mask[i] ?? 0) >= 128 ? 0 : FAR;
  const line = new Float64Array(Math.max(width, height));
  const out = new Float64Array(Math.max(width, height));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) line[x] = dist[y * width + x] ?? FAR;
    transform1d(line, width, out);
    for (let x = 0; x < width; x++) dist[y * width + x] = out[x] ?? FAR;
  }
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) line[y] = dist[y * width + x] ?? FAR;
    transform1d(line, height, out);
    for (let y = 0; y < height; y++) dist[y * width + x] = out[y] ?? FAR;
  }
  const result = Buffer.alloc(n);
  for (let i = 0; i < n; i++) {
    // The ink's edge lies about half a pixel beyond the centre of its last inked pixel.
    const coverage = Math.min(1, Math.max(0, radius + 1 - Math.sqrt(dist[i] ?? FAR)));
    result[i] = Math.max(mask[i] ?? 0, Math.round(coverage * 255));
  }
  return result;
}

// Felzenszwalb & Huttenlocher, "Distance Transforms of Sampled Functions" (2012): lower envelope
// of parabolas, O(n).
function transform1d(f: Float64Array, n: number, d: Float64Array): void {
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  const intersect = (q: number, p: number) => ((f[q] ?? FAR) + q * q - ((f[p] ?? FAR) + p * p)) / (2 * q - 2 * p);
  let k = 0;
  z[0] = -Infinity;
  z[1] = Infinity;
  for (let q = 1; q < n; q++) {
    // z[0] is -Infinity, so this stops at k = 0 at the latest (FAR keeps every value finite).
    let s = intersect(q, v[k] ?? 0);
    while (s <= (z[k] ?? -Infinity)) {
      k--;
      s = intersect(q, v[k] ?? 0);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = Infinity;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while ((z[k + 1] ?? Infinity) < q) k++;
    const p = v[k] ?? 0;
    d[q] = (q - p) * (q - p) + (f[p] ?? FAR);
  }
}
