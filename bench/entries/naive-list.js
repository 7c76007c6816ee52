// The baseline for the long list: fetch every page, then render every row with `items.map`.
import { LitElement, html, css } from 'lit';

class NaiveList extends LitElement {
  static properties = { items: { state: true } };
  static styles = css`
    .scroller { max-height: 36rem; overflow-y: auto; border: 1px solid #c9d0da; }
    ul { list-style: none; margin: 0; padding: 0; }
    li { display: grid; grid-template-columns: 8em 1fr 8em; gap: 8px; padding: 8px 12px; border-bottom: 1px solid #e3e7ed; }
  `;
  connectedCallback() {
    super.connectedCallback();
    void this.load();
  }
  async load() {
    const items = [];
    let cursor;
    do {
      const url = `/api/v1/tickets?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
      const page = await (await fetch(url, { headers: { Authorization: `Bearer ${this.token}` } })).json();
      items.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    this.items = items;
  }
  render() {
    if (!this.items) return html`<p>…</p>`;
    return html`<div class="scroller"><ul>
      ${this.items.map((t) => html`<li><span>${t.number}</span><strong>${t.subject}</strong><span>${t.status}</span></li>`)}
    </ul></div>`;
  }
}
customElements.define('naive-list', NaiveList);
