/** Keeps one pane's failure (a chunk that did not load, a render bug) from blanking the page. */
import { Component, type ReactNode } from 'react';

interface Props {
  /** What to show instead, given the error. */
  fallback(error: Error, retry: () => void): ReactNode;
  children: ReactNode;
}

export class ErrorBoundary extends Component<Props, { error: Error | null }> {
  override state = { error: null as Error | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error : new Error(String(error)) };
  }

  override componentDidCatch(error: unknown) {
    console.warn('dockyard: a pane failed', error);
  }

  override render() {
    const { error } = this.state;
    if (error) return this.props.fallback(error, () => this.setState({ error: null }));
    return this.props.children;
  }
}
