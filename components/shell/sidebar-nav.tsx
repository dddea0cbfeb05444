'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';
import { Icon } from './icons';
import type { NavBadge, NavEntry } from './nav';

/** The entries a user may see, grouped by section, with the current page marked. */
export function SidebarNav({ sections, badges = {} }: { sections: { label: string; entries: NavEntry[] }[]; badges?: Record<string, NavBadge> }) {
  const pathname = usePathname();
  const isActive = (href: string) => (href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`));
  return (
    <nav aria-label="Main" className="space-y-5">
      {sections.map((section) => (
        <div key={section.label}>
          <div className="px-2 pb-1 text-[11px] font-semibold tracking-wide text-slate-400 uppercase">{section.label}</div>
          <ul className="space-y-0.5">
            {section.entries.map((entry) => {
              const active = isActive(entry.href);
              return (
                <li key={entry.href}>
                  <Link
                    href={entry.href}
                    aria-current={active ? 'page' : undefined}
                    className={cn(
                      'flex items-center gap-2 rounded-md px-2 py-1.5 text-sm',
                      active ? 'bg-indigo-50 font-medium text-indigo-700' : 'text-slate-600 hover:bg-slate-100 hover:text-slate-900',
                    )}
                  >
                    <Icon name={entry.icon} className={cn('size-4', active ? 'text-indigo-600' : 'text-slate-400')} />
                    {entry.label}
                    {badges[entry.href] && badges[entry.href].count > 0 && (
                      <span className="ml-auto rounded-full bg-amber-100 px-1.5 text-[11px] font-semibold text-amber-800 tabular-nums ring-1 ring-amber-300 ring-inset" title={badges[entry.href].title} aria-label={badges[entry.href].title} data-testid="nav-badge" data-href={entry.href}>
                        {badges[entry.href].count}
                      </span>
                    )}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </nav>
  );
}
