import type { Child } from "hono/jsx";

/** Inline SVG icon frame (24-unit grid, stroked with the current colour): no icon font or other origin. */
export function Svg(props: { children: Child; size?: number; filled?: boolean }) {
  const size = props.size ?? 20;
  return (
    <svg
      class="icon"
      width={size}
      height={size}
      viewBox="0 0 24 24"
      fill={props.filled ? "currentColor" : "none"}
      stroke="currentColor"
      stroke-width="1.75"
      stroke-linecap="round"
      stroke-linejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      {props.children}
    </svg>
  );
}

export type IconProps = { size?: number };

export const SparklesIcon = (p: IconProps) => (
  <Svg size={p.size}>
    <path d="M12 3l1.8 4.9L18.7 9.7l-4.9 1.8L12 16.4l-1.8-4.9L5.3 9.7l4.9-1.8z" />
    <path d="M19 15l.8 2.2L22 18l-2.2.8L19 21l-.8-2.2L16 18l2.2-.8z" />
  </Svg>
);
export const GridIcon = (p: IconProps) => (
  <Svg size={p.size}>
    <rect x="3.5" y="3.5" width="7" height="7" rx="1.5" />
    <rect x="13.5" y="3.5" width="7" height="7" rx="1.5" />
    <rect x="3.5" y="13.5" width="7" height="7" rx="1.5" />
    <rect x="13.5" y="13.5" width="7" height="7" rx="1.5" />
  </Svg>
);
export const ClockIcon = (p: IconProps) => (
  <Svg size={p.size}>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 7.5V12l3 2" />
  </Svg>
);
export const CardIcon = (p: IconProps) => (
  <Svg size={p.size}>
    <rect x="3" y="5.5" width="18" height="13" rx="2" />
    <path d="M3 10h18M7 15h3" />
  </Svg>
);
export const UserIcon = (p: IconProps) => (
  <Svg size={p.size}>
    <circle cx="12" cy="8.5" r="3.5" />
    <path d="M5 19.5c1.4-3.2 4-4.8 7-4.8s5.6 1.6 7 4.8" />
  </Svg>
);
export const ShieldIcon = (p: IconProps) => (
  <Svg size={p.size}>
    <path d="M12 3l7 3v5.5c0 4.2-2.9 7.7-7 9.5-4.1-1.8-7-5.3-7-9.5V6z" />
  </Svg>
);
export const CoinIcon = (p: IconProps) => (
  <Svg size={p.size}>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 7.5v9M9.5 9.5h3.8a1.7 1.7 0 010 3.4h-2.6a1.7 1.7 0 000 3.4h3.8" />
  </Svg>
);
export const SunIcon = (p: IconProps) => (
  <Svg size={p.size}>
    <circle cx="12" cy="12" r="4" />
    <path d="M12 2.5v2M12 19.5v2M2.5 12h2M19.5 12h2M5.3 5.3l1.4 1.4M17.3 17.3l1.4 1.4M5.3 18.7l1.4-1.4M17.3 6.7l1.4-1.4" />
  </Svg>
);
export const MoonIcon = (p: IconProps) => (
  <Svg size={p.size}>
    <path d="M19.5 14.5A8 8 0 019.5 4.5a8 8 0 1010 10z" />
  </Svg>
);
export const MonitorIcon = (p: IconProps) => (
  <Svg size={p.size}>
    <rect x="3" y="4" width="18" height="12" rx="2" />
    <path d="M8.5 20h7M12 16v4" />
  </Svg>
);
export const LogOutIcon = (p: IconProps) => (
  <Svg size={p.size}>
    <path d="M14.5 4.5H18a1.5 1.5 0 011.5 1.5v12a1.5 1.5 0 01-1.5 1.5h-3.5M10 16.5L5.5 12 10 7.5M5.5 12H15" />
  </Svg>
);
export const CloseIcon = (p: IconProps) => (
  <Svg size={p.size}>
    <path d="M6 6l12 12M18 6L6 18" />
  </Svg>
);
export const CheckIcon = (p: IconProps) => (
  <Svg size={p.size}>
    <path d="M5 12.5l4.5 4.5L19 7.5" />
  </Svg>
);
export const AlertIcon = (p: IconProps) => (
  <Svg size={p.size}>
    <circle cx="12" cy="12" r="8.5" />
    <path d="M12 7.5v5.5M12 16.5v.01" />
  </Svg>
);
export const ChevronDownIcon = (p: IconProps) => (
  <Svg size={p.size}>
    <path d="M6.5 9.5L12 15l5.5-5.5" />
  </Svg>
);
export const LockIcon = (p: IconProps) => (
  <Svg size={p.size}>
    <rect x="5" y="10.5" width="14" height="10" rx="2" />
    <path d="M8.5 10.5V7.5a3.5 3.5 0 017 0v3" />
  </Svg>
);
export const ArrowRightIcon = (p: IconProps) => (
  <Svg size={p.size}>
    <path d="M5 12h14M13 6l6 6-6 6" />
  </Svg>
);
export const UploadIcon = (p: IconProps) => (
  <Svg size={p.size}>
    <path d="M12 15V4M7.5 8.5 12 4l4.5 4.5" />
    <path d="M4.5 14.5v3a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2v-3" />
  </Svg>
);
export const ChatIcon = (p: IconProps) => (
  <Svg size={p.size}>
    <path d="M5 5.5h14a1.5 1.5 0 0 1 1.5 1.5v8.5A1.5 1.5 0 0 1 19 17h-7l-4.5 3.5V17H5a1.5 1.5 0 0 1-1.5-1.5V7A1.5 1.5 0 0 1 5 5.5z" />
    <path d="M8 10h8M8 13.5h5" />
  </Svg>
);

/** The Ausar mark: an eye-like aperture, drawn in the accent colour. */
export const LogoMark = (p: IconProps) => (
  <svg class="logo-mark" width={p.size ?? 28} height={p.size ?? 28} viewBox="0 0 32 32" aria-hidden="true" focusable="false">
    <rect class="logo-tile" width="32" height="32" rx="9" />
    <path class="logo-eye" d="M6 16c2.8-4.6 6.1-7 10-7s7.2 2.4 10 7c-2.8 4.6-6.1 7-10 7s-7.2-2.4-10-7z" stroke-width="2" />
    <circle class="logo-pupil" cx="16" cy="16" r="3.2" />
  </svg>
);
