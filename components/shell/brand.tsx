/** The Trellis mark: a lattice of four nodes and their links. */
export function BrandMark({ className = 'size-6' }: { className?: string }) {
  return (
    <svg viewBox="0 0 32 32" aria-hidden="true" className={className}>
      <rect width="32" height="32" rx="7" className="fill-indigo-600" />
      <path d="M9 9 23 23M23 9 9 23M9 9h14M9 23h14" stroke="white" strokeOpacity=".55" strokeWidth="1.6" />
      <circle cx="9" cy="9" r="2.6" fill="white" />
      <circle cx="23" cy="9" r="2.6" fill="white" />
      <circle cx="9" cy="23" r="2.6" fill="white" />
      <circle cx="23" cy="23" r="2.6" fill="white" />
    </svg>
  );
}

export function Brand({ subtitle }: { subtitle?: string }) {
  return (
    <div className="flex items-center gap-2.5">
      <BrandMark />
      <div className="leading-tight">
        <div className="text-sm font-semibold tracking-tight text-slate-900">Trellis</div>
        {subtitle && <div className="text-[11px] text-slate-500">{subtitle}</div>}
      </div>
    </div>
  );
}
