/*
 * The staff lookup page: POST /api/search, ranked passages with the matched words highlighted, and a copy button.
 * A shared address /staff?q=...&k=... runs that lookup on load; "Copy link" makes such an address on request.
 * Typed lookups never go into the address bar, so search words stay out of browser history and proxy logs
 * unless someone chooses to share one. All text is inserted as text nodes, never as HTML.
 */
(() => {
  "use strict";

  const DEFAULT_K = "5";
  const form = document.getElementById("search");
  const query = document.getElementById("q");
  const count = document.getElementById("k");
  const status = document.getElementById("status");
  const results = document.getElementById("results");
  const disclaimer = document.getElementById("disclaimer");
  const share = document.getElementById("share");

  function h(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, String(value));
    }
    node.append(...children);
    return node;
  }

  /** A rough stem, so "risks" also marks "risk" and "therapies" marks "therapy" (the server matched on stems). */
  function stem(word) {
    if (word.length > 4 && word.endsWith("ies")) return word.slice(0, -3);
    if (word.length > 5 && word.endsWith("ing")) return word.slice(0, -3);
    if (word.length > 4 && word.endsWith("ed")) return word.slice(0, -2);
    if (word.length > 3 && word.endsWith("s") && !word.endsWith("ss")) return word.slice(0, -1);
    return word;
  }

  function escapeRegExp(text) {
    return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  }

  /** A regular expression for the matched words and phrases, or null when there are none. */
  function matcher(matched) {
    const terms = matched
      .filter((term) => typeof term === "string" && term.trim())
      .sort((a, b) => b.length - a.length)
      .map((term) =>
        term
          .trim()
          .split(/[\s\-‐–]+/)
          .map((word) => escapeRegExp(stem(word)) + "[\\p{L}\\p{N}]*")
          .join("[\\s\\-‐–]+"),
      );
    return terms.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${terms.join("|")})`, "giu") : null;
  }

  /** The text as text nodes and <mark> elements around the matched words. */
  function highlighted(text, pattern) {
    if (!pattern) return [text];
    const parts = [];
    let last = 0;
    for (const match of text.matchAll(pattern)) {
      if (!match[0]) continue;
      parts.push(text.slice(last, match.index), h("mark", { text: match[0] }));
      last = match.index + match[0].length;
    }
    parts.push(text.slice(last));
    return parts.filter((part) => part !== "");
  }

  function citation(result, disclaimerText) {
    return `${result.text}\n— ${result.section} (${result.source}, ${result.id})\n\n${disclaimerText}`;
  }

  async function copyText(text) {
    try {
      await navigator.clipboard.writeText(text);
      return true;
    } catch {
      // No clipboard API (older browser, or a page not served over HTTPS): the old way.
      const area = h("textarea", { readonly: "", "aria-hidden": "true", class: "offscreen" });
      area.value = text;
      document.body.append(area);
      area.select();
      const done = document.execCommand("copy");
      area.remove();
      return done;
    }
  }

  function card(result, rank, pattern, disclaimerText) {
    const copied = h("span", { class: "copied", role: "status" });
    const copy = h("button", {
      type: "button",
      class: "copy",
      text: "Copy passage",
      "aria-label": `Copy passage ${rank} with its source and the disclaimer`,
      onclick: async () => {
        const ok = await copyText(citation(result, disclaimerText));
        copied.textContent = ok ? "Copied with source and disclaimer." : "Copy failed: select the text and copy it by hand.";
      },
    });
    const matched = result.matched.length ? `Matched: ${result.matched.join(", ")}` : "";
    return h(
      "li",
      { class: "result" },
      h("h2", { text: result.section }),
      h("p", { class: "meta" }, h("span", { class: "score", text: `Score ${Number(result.score).toFixed(2)}` }), ` · ${result.source} · ${result.id}`),
      h("p", { class: "text" }, ...highlighted(result.text, pattern)),
      h("p", { class: "matched", text: matched }),
      h("p", { class: "actions" }, copy, " ", copied),
    );
  }

  /** The address that runs this lookup, for sharing. */
  function lookupLink(q, k) {
    const params = new URLSearchParams({ q });
    if (k !== DEFAULT_K) params.set("k", k);
    return `${location.origin}${location.pathname}?${params}`;
  }

  function showLinkButton(q, k) {
    const done = h("span", { class: "copied", role: "status" });
    const button = h("button", {
      type: "button",
      class: "copy",
      text: "Copy link to this lookup",
      onclick: async () => {
        done.textContent = (await copyText(lookupLink(q, k))) ? "Link copied." : "Copy failed.";
      },
    });
    share.replaceChildren(button, " ", done);
  }

  async function search(q, k) {
    status.textContent = "Searching…";
    results.setAttribute("aria-busy", "true");
    let data;
    try {
      const response = await fetch("/api/search", {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ q, k: Number(k) }),
      });
      data = await response.json().catch(() => null);
      if (!response.ok) {
        const retry = response.headers.get("Retry-After");
        const wait = response.status === 429 ? ` Try again in ${retry || "a few"} seconds.` : "";
        throw new Error(`${(data && data.error) || `the server answered ${response.status}`}.${wait}`);
      }
    } catch (err) {
      status.textContent = `Search failed: ${err.message || "cannot reach the server"}`;
      results.removeAttribute("aria-busy");
      return;
    }
    const found = Array.isArray(data.results) ? data.results : [];
    const pattern = matcher(found.flatMap((r) => r.matched || []));
    results.replaceChildren(...found.map((r, i) => card({ ...r, matched: r.matched || [] }, i + 1, pattern, data.disclaimer || "")));
    results.removeAttribute("aria-busy");
    disclaimer.textContent = data.disclaimer || "";
    disclaimer.hidden = !found.length;
    const plural = found.length === 1 ? "passage" : "passages";
    status.textContent = found.length ? `${found.length} ${plural} for “${q}”, best first.` : `No passage matches “${q}”.`;
    showLinkButton(q, k);
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const q = query.value.trim();
    if (q) search(q, count.value);
  });

  const params = new URLSearchParams(location.search);
  const k = params.get("k");
  if (k && [...count.options].some((option) => option.value === k)) count.value = k;
  if (params.get("q")) {
    query.value = params.get("q");
    search(query.value.trim(), count.value);
  }
})();
