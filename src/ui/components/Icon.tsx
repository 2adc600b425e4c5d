/** Small outline icons (16×16, stroked with the text colour), drawn here so no icon font is needed. */
const PATHS = {
  examples: 'M2.5 2.5h4.5v4.5H2.5zM9 2.5h4.5v4.5H9zM2.5 9h4.5v4.5H2.5zM9 9h4.5v4.5H9z',
  link: 'M6.8 9.2l2.4-2.4M5.6 7.6 4.1 9.1a2.3 2.3 0 0 0 3.2 3.2l1.5-1.5M10.4 8.4l1.5-1.5a2.3 2.3 0 0 0-3.2-3.2L7.2 5.2',
  present: 'M2 2.5h12v8.5H2zM8 11v2.5M5 13.5h6',
} as const;

export function Icon({ name }: { name: keyof typeof PATHS }) {
  return (
    <svg className="icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true">
      <path d={PATHS[name]} fill="none" stroke="currentColor" strokeWidth="1.4" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
