/** A small line of the customer's sentiment per message (−1…1), newest on the right. */
export function Sparkline({ values, label }: { values: number[]; label: string }) {
  const width = 96;
  const height = 28;
  if (values.length === 0) return null;
  // The end dot (radius 2.5) must fit inside the box: the line is drawn between x = pad and width − pad.
  const pad = 3;
  const step = values.length > 1 ? (width - 2 * pad) / (values.length - 1) : 0;
  const y = (value: number) => ((1 - (Math.max(-1, Math.min(1, value)) + 1) / 2) * (height - 4) + 2).toFixed(1);
  const points = values.map((value, index) => `${(pad + index * step).toFixed(1)},${y(value)}`).join(' ');
  const last = values[values.length - 1] ?? 0;
  return (
    <svg
      className="sparkline"
      width={width}
      height={height}
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
    >
      <title>{label}</title>
      <line x1="0" x2={width} y1={height / 2} y2={height / 2} className="sparkline-zero" />
      {values.length > 1 ? <polyline points={points} className="sparkline-line" /> : null}
      <circle cx={values.length > 1 ? width - pad : width / 2} cy={y(last)} r="2.5" className="sparkline-dot" />
    </svg>
  );
}
