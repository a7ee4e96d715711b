/* The last line of defence: a render error shows a message and a way back,
   never a blank page. The user's work is in localStorage already. */
import { Component, type ReactNode } from 'react';

export class ErrorBoundary extends Component<{ children: ReactNode }, { error: string | null }> {
  state = { error: null as string | null };

  static getDerivedStateFromError(error: unknown) {
    return { error: error instanceof Error ? error.message : 'unknown error' };
  }

  render() {
    if (!this.state.error) return this.props.children;
    return (
      <div className="crash" role="alert">
        <h1>The playground hit an error</h1>
        <p>Your work is saved in this browser. Reload to continue.</p>
        <pre>{this.state.error}</pre>
        <button type="button" className="button" onClick={() => location.reload()}>
          Reload
        </button>
      </div>
    );
  }
}
