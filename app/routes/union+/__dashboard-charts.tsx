// The dashboard's charts, drawn as plain SVG on the server (no chart library reaches the browser:
// recharts alone was 248 KB). They are pictures of the table under them, which carries the same
// figures for screen readers, printing and exports, so they are hidden from assistive technology.
// Sizes are in percent and text is not scaled, so labels stay readable on a 360 px phone.
import type { DataTable } from "~/domain/membership/dashboard-tables";
import { useI18n } from "~/utils/i18n";
import { formatNumber } from "~/utils/time";

const COLORS = ["#c01f18", "#a16207", "#1d4ed8"];

/** Which column each table's chart draws (approvals for breakdowns), or none. */
const BAR_COLUMN: Record<string, number> = { funnel: 1, ttc: 1, county: 6, category: 6, migrant: 6 };
/** Trends: sign-ups, applications and approvals over time (views would dwarf the rest). */
const LINE_COLUMNS = [2, 5, 6];

export function DashboardChart({ table }: { table: DataTable }) {
  if (table.rows.length === 0) return null;
  if (table.id in BAR_COLUMN) return <BarChart table={table} column={BAR_COLUMN[table.id]} />;
  if (table.id === "weekly" || table.id === "monthly") return <LineChart table={table} />;
  return null;
}

const ROW = 30;

function BarChart({ table, column }: { table: DataTable; column: number }) {
  const { locale } = useI18n();
  const rows = table.rows.slice(0, 12).map((r) => ({ label: String(r[0]), value: Number(r[column] ?? 0) }));
  const max = Math.max(1, ...rows.map((r) => r.value));
  return (
    <figure className="mb-3" aria-hidden="true" data-chart={table.id}>
      <figcaption className="mb-1 text-xs text-gray-600">{table.columns[column].label}</figcaption>
      <svg width="100%" height={rows.length * ROW} className="block overflow-visible">
        {rows.map((r, i) => (
          <g key={i}>
            <title>{`${r.label}: ${formatNumber(r.value, locale)}`}</title>
            <text x="0" y={i * ROW + 11} fontSize="12" fill="#374151">
              {`${r.label} · ${formatNumber(r.value, locale)}`}
            </text>
            <rect x="0" y={i * ROW + 15} height="9" width="100%" fill="#f3f4f6" rx="2" />
            <rect x="0" y={i * ROW + 15} height="9" width={`${(r.value / max) * 100}%`} fill={COLORS[0]} rx="2" />
          </g>
        ))}
      </svg>
    </figure>
  );
}

function LineChart({ table }: { table: DataTable }) {
  const { locale } = useI18n();
  const rows = table.rows;
  const series = LINE_COLUMNS.map((c) => ({
    label: table.columns[c].label,
    values: rows.map((r) => Number(r[c] ?? 0)),
  }));
  const max = Math.max(1, ...series.flatMap((s) => s.values));
  const last = Math.max(1, rows.length - 1);
  const HEIGHT = 140;
  return (
    <figure className="mb-3" aria-hidden="true" data-chart={table.id}>
      <svg width="100%" height={HEIGHT + 36} className="block overflow-visible">
        <text x="0" y="10" fontSize="11" fill="#4b5563">
          {formatNumber(max, locale)}
        </text>
        <line x1="0" x2="100%" y1={HEIGHT + 14} y2={HEIGHT + 14} stroke="#d1d5db" />
        {/* The plot stretches to the width; strokes keep their thickness however it is scaled. */}
        <svg y="14" width="100%" height={HEIGHT} viewBox={`0 0 ${last} ${max}`} preserveAspectRatio="none">
          {series.map((s, i) => (
            <polyline
              key={s.label}
              fill="none"
              stroke={COLORS[i]}
              strokeWidth="2"
              strokeDasharray={i === 1 ? "6 3" : undefined}
              vectorEffect="non-scaling-stroke"
              points={s.values.map((v, x) => `${rows.length === 1 ? last / 2 : x},${max - v}`).join(" ")}
            />
          ))}
        </svg>
        <text x="0" y={HEIGHT + 30} fontSize="11" fill="#4b5563">
          {String(rows[0][0])}
        </text>
        <text x="100%" y={HEIGHT + 30} fontSize="11" fill="#4b5563" textAnchor="end">
          {String(rows[rows.length - 1][0])}
        </text>
      </svg>
      <figcaption className="mt-1 flex flex-wrap gap-x-4 gap-y-1 text-xs text-gray-700">
        {series.map((s, i) => (
          <span key={s.label} className="inline-flex items-center gap-1">
            <svg width="18" height="6" className="inline-block">
              <line
                x1="0"
                x2="18"
                y1="3"
                y2="3"
                stroke={COLORS[i]}
                strokeWidth="2"
                strokeDasharray={i === 1 ? "6 3" : undefined}
              />
            </svg>
            {s.label}
          </span>
        ))}
      </figcaption>
    </figure>
  );
}
