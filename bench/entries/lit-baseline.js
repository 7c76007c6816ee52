// The baseline for "badge to value": the least a Lit element can do to show the credit.
import { LitElement, html } from 'lit';

class BenchBadge extends LitElement {
  static properties = { minutes: { state: true } };
  connectedCallback() {
    super.connectedCallback();
    fetch('/api/v1/me', { headers: { Authorization: `Bearer ${this.token}` } })
      .then((r) => r.json())
      .then((me) => (this.minutes = me.credit.minutes));
  }
  render() {
    return this.minutes === undefined ? html`<span>…</span>` : html`<span part="value">${this.minutes} min</span>`;
  }
}
customElements.define('bench-badge', BenchBadge);
