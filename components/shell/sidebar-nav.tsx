'use client';
import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { cn } from '@/components/ui/cn';
import { Icon } from './icons';
import type { NavEntry } from './nav';

/** The entries a user may see, grouped by section, with the current page marked. */
export function SidebarNav({ sections }: { sections: { label: string; entries: NavEntry[] }[] }) {
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
