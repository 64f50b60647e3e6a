import type { ComponentChildren } from 'preact';

/**
 * A switcher between runs (WAI-ARIA tabs): arrow keys, Home and End move between tabs, Tab goes
 * on into the panel.
 */
export function RunTabs({
  label,
  tabs,
  selected,
  onSelect,
  idPrefix,
  children,
}: {
  label: string;
  tabs: string[];
  selected: number;
  onSelect: (n: number) => void;
  idPrefix: string;
  children: ComponentChildren;
}) {
  const go = (n: number) => {
    const next = (n + tabs.length) % tabs.length;
    onSelect(next);
    document.getElementById(`${idPrefix}-tab-${next}`)?.focus();
  };
  const KEYS: Record<string, () => void> = {
    ArrowRight: () => go(selected + 1),
    ArrowLeft: () => go(selected - 1),
    Home: () => go(0),
    End: () => go(tabs.length - 1),
  };
  return (
    <div class="run-tabs">
      <div role="tablist" aria-label={label}>
        {tabs.map((tab, n) => (
          <button
            key={n}
            type="button"
            role="tab"
            id={`${idPrefix}-tab-${n}`}
            aria-selected={n === selected}
            aria-controls={`${idPrefix}-panel`}
            tabIndex={n === selected ? 0 : -1}
            onClick={() => onSelect(n)}
            onKeyDown={(e) => {
              const key = KEYS[e.key];
              if (!key) return;
              e.preventDefault();
              key();
            }}
          >
            {tab}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${idPrefix}-panel`} aria-labelledby={`${idPrefix}-tab-${selected}`}>
        {children}
      </div>
    </div>
  );
}
