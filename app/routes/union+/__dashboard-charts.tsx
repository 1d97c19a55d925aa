// Charts for the dashboard (recharts). They draw only in the browser: the data tables beside them
// carry the same figures for screen readers, for printing and without JavaScript.
import { useEffect, useState } from "react";
import {
  Bar,
  BarChart,
  CartesianGrid,
  Legend,
  Line,
  LineChart,
  ResponsiveContainer,
  Tooltip,
  XAxis,
  YAxis,
} from "recharts";
import type { DataTable } from "~/domain/membership/dashboard-tables";

const COLORS = ["#c01f18", "#f6c343", "#2563eb", "#059669", "#7c3aed", "#db2777"];

export function DashboardChart({ table }: { table: DataTable }) {
  const [mounted, setMounted] = useState(false);
  useEffect(() => setMounted(true), []);
  if (!mounted || table.rows.length === 0) return null;
  const label = (r: (string | number | null)[]) => String(r[0]);
  if (table.id === "funnel") {
    const data = table.rows.map((r) => ({ name: label(r), value: Number(r[1]) }));
    return (
      <Frame>
        <BarChart data={data} layout="vertical" margin={{ left: 8, right: 16 }}>
          <XAxis type="number" hide />
          <YAxis type="category" dataKey="name" width={80} tick={{ fontSize: 12 }} />
          <Tooltip />
          <Bar dataKey="value" fill={COLORS[0]} isAnimationActive={false} />
        </BarChart>
      </Frame>
    );
  }
  if (table.id === "weekly" || table.id === "monthly") {
    // Sign-ups, applications and approvals over time (views would dwarf the rest).
    const series = [2, 5, 6].map((i) => table.columns[i].label);
    const data = table.rows.map((r) => ({ name: label(r), [series[0]]: r[2], [series[1]]: r[5], [series[2]]: r[6] }));
    return (
      <Frame>
        <LineChart data={data} margin={{ left: 0, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" tick={{ fontSize: 11 }} />
          <YAxis tick={{ fontSize: 11 }} width={40} />
          <Tooltip />
          <Legend />
          {series.map((s, i) => (
            <Line key={s} type="monotone" dataKey={s} stroke={COLORS[i]} dot={false} isAnimationActive={false} />
          ))}
        </LineChart>
      </Frame>
    );
  }
  if (table.id === "ttc" || table.id === "county" || table.id === "category" || table.id === "migrant") {
    const col = table.id === "ttc" ? 1 : 6; // approvals
    const data = table.rows.slice(0, 12).map((r) => ({ name: label(r), value: Number(r[col]) }));
    return (
      <Frame>
        <BarChart data={data} margin={{ left: 0, right: 16 }}>
          <CartesianGrid strokeDasharray="3 3" />
          <XAxis dataKey="name" tick={{ fontSize: 10 }} interval={0} angle={-20} textAnchor="end" height={50} />
          <YAxis tick={{ fontSize: 11 }} width={40} />
          <Tooltip />
          <Bar dataKey="value" name={table.columns[col].label} fill={COLORS[2]} isAnimationActive={false} />
        </BarChart>
      </Frame>
    );
  }
  return null;
}

function Frame({ children }: { children: React.ReactElement }) {
  return (
    <div className="mb-3 h-56 w-full" aria-hidden="true">
      <ResponsiveContainer width="100%" height="100%">
        {children}
      </ResponsiveContainer>
    </div>
  );
}
