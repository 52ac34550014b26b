import type { ApiResult } from "../api";
import { byId } from "../dom";
import { showContent, showLoadError } from "./page";

/**
 * A staff list that loads, shows its rows or an empty state, and on failure a problem panel with
 * Try again. The page's parts are found by `prefix`: `-rows`, `-status`, `-empty`, `-problem`,
 * `-problem-message`, `-problem-heading` and `-retry`. `show` fills the rows and says what is
 * shown in the status line; it returns how many rows there are. Resolves true once it has shown.
 */
export async function loadList<T>(prefix: string, fetchList: () => Promise<ApiResult<T>>, show: (data: T, parts: { rows: HTMLElement; status: HTMLElement }) => number): Promise<boolean> {
  const rows = byId(`${prefix}-rows`);
  const status = byId(`${prefix}-status`);
  const problem = byId(`${prefix}-problem`);
  const empty = byId(`${prefix}-empty`);
  let shown = false;
  let loading = false;

  async function load(): Promise<void> {
    const result = await fetchList();
    if (!result.ok) {
      if (result.status === 403 || result.status === 404) {
        showLoadError(result.status, result.error);
        return;
      }
      rows.replaceChildren();
      empty.hidden = true;
      status.textContent = "";
      byId(`${prefix}-problem-message`).textContent = result.error.message;
      problem.hidden = false;
      if (!shown) showContent();
      shown = true;
      byId(`${prefix}-problem-heading`).focus();
      return;
    }
    problem.hidden = true;
    empty.hidden = show(result.data, { rows, status }) > 0;
    if (!shown) showContent();
    shown = true;
  }

  async function run(): Promise<void> {
    if (loading) return;
    loading = true;
    try {
      await load();
    } finally {
      loading = false;
    }
  }

  byId(`${prefix}-retry`).addEventListener("click", async () => {
    await run();
    // The button has gone with the problem: focus moves to the line that says what is shown.
    if (problem.hidden) {
      status.setAttribute("tabindex", "-1");
      status.focus();
    }
  });
  await run();
  return shown;
}
