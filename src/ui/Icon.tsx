/** Small line icons (inline SVG: no icon font, no emoji that a system may lack). */

const PATHS = {
  newFile: 'M4 1.5h5l3 3v10H4z M9 1.5v3h3 M8 8v4 M6 10h4',
  newFolder: 'M1.5 3.5h4.5l1.5 1.5h7v8.5h-13z M8 7.5v4 M6 9.5h4',
  rename: 'M2.5 13.5l1-3.5 7.5-7.5 2.5 2.5-7.5 7.5z M9.5 4l2.5 2.5',
  trash: 'M2.5 4h11 M6 4V2.5h4V4 M4 4l.8 10h6.4L12 4 M6.8 6.5v5 M9.2 6.5v5',
  hidden: 'M1.5 8s2.5-4.5 6.5-4.5 6.5 4.5 6.5 4.5-2.5 4.5-6.5 4.5S1.5 8 1.5 8z M8 6a2 2 0 1 0 0 4 2 2 0 0 0 0-4z',
  sun: 'M8 5a3 3 0 1 0 0 6 3 3 0 0 0 0-6z M8 1v2 M8 13v2 M1 8h2 M13 8h2 M3 3l1.4 1.4 M11.6 11.6L13 13 M3 13l1.4-1.4 M11.6 4.4L13 3',
  moon: 'M13.5 10A6 6 0 0 1 6 2.5a6 6 0 1 0 7.5 7.5z',
  keyboard: 'M1.5 4h13v8h-13z M4 6.5h1 M7 6.5h1 M10 6.5h1 M4 9.5h8',
  reader: 'M2 6v4h2.5L8 13V3L4.5 6z M10.5 5.5a3.5 3.5 0 0 1 0 5 M12.5 3.5a6.5 6.5 0 0 1 0 9',
  plus: 'M8 3v10 M3 8h10',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon(props: { name: IconName }) {
  return (
    <svg className="dy-icon" width="16" height="16" viewBox="0 0 16 16" aria-hidden="true" focusable="false" fill="none" stroke="currentColor" strokeWidth="1.2" strokeLinejoin="round" strokeLinecap="round">
      <path d={PATHS[props.name]} />
    </svg>
  );
}
