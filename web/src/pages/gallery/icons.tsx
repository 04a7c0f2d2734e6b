import type { Child } from "hono/jsx";
import { type IconProps, Svg } from "../../components/icons";

/** The gallery's icons sit in dense toolbars and tiles, so they default a size smaller than the app's. */
function GallerySvg(props: { children: Child; size?: number; filled?: boolean }) {
  return (
    <Svg size={props.size ?? 18} filled={props.filled}>
      {props.children}
    </Svg>
  );
}

export const HeartIcon = (p: IconProps & { filled?: boolean }) => (
  <GallerySvg size={p.size} filled={p.filled}>
    <path d="M12 20s-7-4.4-7-10a4 4 0 0 1 7-2.6A4 4 0 0 1 19 10c0 5.6-7 10-7 10z" />
  </GallerySvg>
);
export const DownloadIcon = (p: IconProps) => (
  <GallerySvg size={p.size}>
    <path d="M12 4v11M7.5 10.5 12 15l4.5-4.5M5 19.5h14" />
  </GallerySvg>
);
export const TrashIcon = (p: IconProps) => (
  <GallerySvg size={p.size}>
    <path d="M4.5 7h15M9.5 7V4.5h5V7M6.5 7l1 12.5h9l1-12.5M10 11v5M14 11v5" />
  </GallerySvg>
);
export const ShareIcon = (p: IconProps) => (
  <GallerySvg size={p.size}>
    <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1" />
    <path d="M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
  </GallerySvg>
);
export const PlayIcon = (p: IconProps) => (
  <GallerySvg size={p.size} filled>
    <path d="M8 5.5v13l10-6.5z" />
  </GallerySvg>
);
export const ChevronLeftIcon = (p: IconProps) => (
  <GallerySvg size={p.size}>
    <path d="M14.5 5.5 8 12l6.5 6.5" />
  </GallerySvg>
);
export const ChevronRightIcon = (p: IconProps) => (
  <GallerySvg size={p.size}>
    <path d="M9.5 5.5 16 12l-6.5 6.5" />
  </GallerySvg>
);
export const SearchIcon = (p: IconProps) => (
  <GallerySvg size={p.size}>
    <circle cx="11" cy="11" r="6" />
    <path d="m20 20-4.5-4.5" />
  </GallerySvg>
);
export const CheckSquareIcon = (p: IconProps) => (
  <GallerySvg size={p.size}>
    <rect x="4" y="4" width="16" height="16" rx="3" />
    <path d="m8.5 12 2.5 2.5 4.5-5" />
  </GallerySvg>
);
