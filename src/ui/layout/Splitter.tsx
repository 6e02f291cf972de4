/**
 * A draggable, keyboard-accessible splitter (role="separator"): arrows move it by 2 %, Page keys
 * by 10 %, Home/End to the limits; mouse, pen and touch drag it through pointer events.
 */
import { useRef, type KeyboardEvent, type PointerEvent } from 'react';

export interface SplitterProps {
  /** 'vertical': a vertical bar between left and right panes (it moves horizontally). */
  orientation: 'vertical' | 'horizontal';
  /** The share (0..1) of the first pane. */
  value: number;
  min: number;
  max: number;
  label: string;
  /** Controls of the first pane, for aria-controls. */
  controls?: string;
  onChange(value: number): void;
}

export function Splitter(props: SplitterProps) {
  const ref = useRef<HTMLDivElement>(null);
  const dragging = useRef(false);
  const vertical = props.orientation === 'vertical';

  const fromPointer = (e: PointerEvent) => {
    const container = ref.current?.parentElement;
    if (!container) return;
    const r = container.getBoundingClientRect();
    const f = vertical ? (e.clientX - r.left) / r.width : (e.clientY - r.top) / r.height;
    props.onChange(Math.min(props.max, Math.max(props.min, f)));
  };

  const onKeyDown = (e: KeyboardEvent) => {
    const step = e.key.startsWith('Page') ? 0.1 : 0.02;
    let v: number | null = null;
    const back = vertical ? 'ArrowLeft' : 'ArrowUp';
    const fwd = vertical ? 'ArrowRight' : 'ArrowDown';
    if (e.key === back || e.key === 'PageUp') v = props.value - step;
    else if (e.key === fwd || e.key === 'PageDown') v = props.value + step;
    else if (e.key === 'Home') v = props.min;
    else if (e.key === 'End') v = props.max;
    if (v === null) return;
    e.preventDefault();
    props.onChange(Math.min(props.max, Math.max(props.min, v)));
  };

  return (
    <div
      ref={ref}
      role="separator"
      tabIndex={0}
      aria-orientation={props.orientation}
      aria-label={props.label}
      aria-controls={props.controls}
      aria-valuenow={Math.round(props.value * 100)}
      aria-valuemin={Math.round(props.min * 100)}
      aria-valuemax={Math.round(props.max * 100)}
      className={`dy-splitter dy-splitter-${props.orientation}`}
      onKeyDown={onKeyDown}
      onPointerDown={(e) => {
        dragging.current = true;
        e.currentTarget.setPointerCapture(e.pointerId);
        e.preventDefault();
      }}
      onPointerMove={(e) => {
        if (dragging.current) fromPointer(e);
      }}
      onPointerUp={(e) => {
        dragging.current = false;
        e.currentTarget.releasePointerCapture(e.pointerId);
      }}
      onPointerCancel={() => {
        dragging.current = false;
      }}
    />
  );
}
