/*
 * The lupus stem cell FAQ chat widget: one custom element, <lupus-faq-chat>, with its own shadow DOM.
 *
 * A website embeds it with one tag (nothing else on the page changes):
 *   <script src="https://bot.example/widget.js" data-endpoint="https://bot.example/api/chat" defer></script>
 * Without data-endpoint it talks to /api/chat on the server widget.js came from. Styles come from widget.css
 * beside widget.js (through a <link> in the shadow root, so a strict page CSP needs no 'unsafe-inline');
 * theme it with the --lupus-faq-* custom properties listed at the top of widget.css.
 *
 * No globals, no framework, no build step. Server and user text is only ever set with textContent.
 */
(() => {
  "use strict";

  const TAG = "lupus-faq-chat";
  const HISTORY_TURNS = 6; // earlier user messages sent with each question, for follow-ups
  const KEPT_ENTRIES = 60; // messages kept in sessionStorage across reloads
  const TIMEOUT_MS = 20000;

  // Only the first copy of the script defines the element and adds it; a second copy does nothing.
  if (customElements.get(TAG)) return;

  const script = document.currentScript;
  const scriptUrl = new URL((script && script.src) || "widget.js", document.baseURI);
  const defaultEndpoint = new URL("/api/chat", scriptUrl).href;
  const stylesheetUrl = new URL("widget.css", scriptUrl).href;
  const configuredEndpoint = script && script.dataset.endpoint ? new URL(script.dataset.endpoint, document.baseURI).href : "";

  /** A failure the user can retry; its message is shown as is. */
  class ChatError extends Error {}

  let uid = 0;

  /** Build an element: props are attributes, except text (textContent), class and on<event> listeners. */
  function h(tag, props = {}, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(props)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "text") node.textContent = value;
      else if (key === "class") node.className = value;
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
    node.append(...children); // strings become text nodes, never markup
    return node;
  }

  function chatIcon() {
    const ns = "http://www.w3.org/2000/svg";
    const svg = document.createElementNS(ns, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    const path = document.createElementNS(ns, "path");
    path.setAttribute("d", "M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2z");
    svg.append(path);
    return svg;
  }

  /** The reply in the API's shape, with every field of the right type, or null. */
  function asReply(data) {
    if (!data || typeof data !== "object" || typeof data.reply !== "string") return null;
    const list = (value) => (Array.isArray(value) ? value : []);
    const text = (value) => (typeof value === "string" ? value : "");
    return {
      kind: text(data.kind) || "answer",
      reply: data.reply,
      passages: list(data.passages)
        .filter((p) => p && typeof p.text === "string")
        .map((p) => ({ id: text(p.id), section: text(p.section), text: p.text, source: text(p.source) })),
      suggestions: list(data.suggestions).filter((s) => typeof s === "string" && s.trim()),
      disclaimer: text(data.disclaimer),
    };
  }

  function waitMessage(retryAfter) {
    let seconds = Number.parseInt(retryAfter || "", 10);
    if (Number.isNaN(seconds) && retryAfter) seconds = Math.ceil((Date.parse(retryAfter) - Date.now()) / 1000);
    const wait = seconds > 0 ? `Please wait ${seconds} second${seconds === 1 ? "" : "s"}` : "Please wait a moment";
    return `Too many questions in a short time. ${wait}, then press Retry.`;
  }

  /** POST a question; resolves to a reply, rejects with a ChatError whose message says what happened. */
  async function ask(endpoint, message, history) {
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), TIMEOUT_MS);
    try {
      let response;
      try {
        response = await fetch(endpoint, {
          method: "POST",
          headers: { "Content-Type": "application/json" },
          body: JSON.stringify({ message, history }),
          credentials: "omit",
          signal: abort.signal,
        });
      } catch (err) {
        throw new ChatError(
          err && err.name === "AbortError"
            ? "The FAQ service took too long to answer. Please try again."
            : "Can't reach the FAQ service right now. Check your connection, then press Retry.",
        );
      }
      let data = null;
      try {
        data = await response.json();
      } catch {
        // Not JSON: a proxy's error page, or a cut-off body.
      }
      if (response.status === 429) throw new ChatError(waitMessage(response.headers.get("Retry-After")));
      if (!response.ok) {
        const detail = data && typeof data.error === "string" ? `: ${data.error}` : ".";
        throw new ChatError(`The FAQ service could not answer (error ${response.status})${detail}`);
      }
      const reply = asReply(data);
      if (!reply) throw new ChatError("The FAQ service sent a reply this page cannot read. Please try again.");
      return reply;
    } finally {
      clearTimeout(timer);
    }
  }

  class FaqChat extends HTMLElement {
    #endpoint = "";
    #storageKey = "";
    #entries = []; // {who: "user", text} | {who: "bot", reply}
    #open = false;
    #busy = false;
    #generation = 0; // bumped by "clear", so a reply to a cleared conversation is dropped
    #ui = null;
    #onViewport = () => this.#fitViewport();

    connectedCallback() {
      const vv = window.visualViewport;
      if (vv) {
        vv.addEventListener("resize", this.#onViewport);
        vv.addEventListener("scroll", this.#onViewport);
      }
      if (this.#ui) return; // moved within the page: already built
      this.#endpoint = new URL(this.getAttribute("endpoint") || configuredEndpoint || defaultEndpoint, document.baseURI).href;
      this.#storageKey = `${TAG}:v1:${this.#endpoint}`;
      this.#build();
      this.#restore();
    }

    disconnectedCallback() {
      const vv = window.visualViewport;
      if (vv) {
        vv.removeEventListener("resize", this.#onViewport);
        vv.removeEventListener("scroll", this.#onViewport);
      }
    }

    #build() {
      const shadow = this.attachShadow({ mode: "open" });
      const ui = {};
      // Hidden until widget.css has loaded, so the host page never sees an unstyled flash.
      ui.root = h("div", { class: "root", hidden: true });
      const reveal = () => ui.root.removeAttribute("hidden");
      const link = h("link", { rel: "stylesheet", href: stylesheetUrl, onload: reveal, onerror: reveal });

      ui.launcher = h(
        "button",
        { type: "button", class: "launcher", "aria-expanded": "false", "aria-controls": "panel", onclick: () => this.#setOpen(!this.#open, true) },
        chatIcon(),
        h("span", { text: "Ask the FAQ" }),
      );
      ui.clear = h("button", { type: "button", class: "clear", "aria-label": "Clear conversation", text: "Clear", onclick: () => this.#clear() });
      ui.close = h(
        "button",
        { type: "button", class: "close", "aria-label": "Close chat", onclick: () => this.#setOpen(false, true) },
        h("span", { "aria-hidden": "true", text: "×" }),
      );
      ui.log = h("div", { class: "log", role: "log", "aria-live": "polite", "aria-label": "Conversation", tabindex: "0" });
      ui.typing = h("p", { class: "typing", role: "status" });
      ui.input = h("textarea", {
        id: "input",
        rows: "1",
        maxlength: "1000",
        placeholder: "Ask a question…",
        autocomplete: "off",
        "aria-describedby": "hint",
        onkeydown: (event) => {
          if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
            event.preventDefault();
            ui.form.requestSubmit();
          }
        },
      });
      ui.send = h("button", { type: "submit", class: "send", text: "Send" });
      ui.form = h(
        "form",
        { class: "composer", onsubmit: (event) => (event.preventDefault(), this.#submit()) },
        h("label", { for: "input", class: "sr-only", text: "Your question" }),
        ui.input,
        ui.send,
      );
      ui.panel = h(
        "section",
        {
          id: "panel",
          class: "panel",
          role: "dialog",
          "aria-labelledby": "title",
          "aria-describedby": "subtitle",
          hidden: true,
        },
        h(
          "div",
          { class: "head" },
          h("div", { class: "titles" }, h("h2", { id: "title", text: "Stem cell treatments for lupus" }), h("p", { id: "subtitle", text: "Answers quoted from our article. Not medical advice." })),
          ui.clear,
          ui.close,
        ),
        ui.log,
        ui.typing,
        ui.form,
        h("p", { id: "hint", class: "hint", text: "Enter sends, Shift+Enter adds a line, Escape closes." }),
      );
      ui.root.addEventListener("keydown", (event) => {
        if (event.key === "Escape" && this.#open && !event.isComposing) {
          event.preventDefault();
          this.#setOpen(false, true);
        }
      });
      ui.root.append(ui.panel, ui.launcher);
      shadow.append(link, ui.root);
      this.#ui = ui;
    }

    #restore() {
      let saved = null;
      try {
        saved = JSON.parse(sessionStorage.getItem(this.#storageKey) || "null");
      } catch {
        // Storage blocked or corrupt: start afresh.
      }
      const entries = saved && Array.isArray(saved.entries) ? saved.entries : [];
      for (const entry of entries) {
        if (entry && entry.who === "user" && typeof entry.text === "string") this.#entries.push({ who: "user", text: entry.text });
        else if (entry && entry.who === "bot" && asReply(entry.reply)) this.#entries.push({ who: "bot", reply: asReply(entry.reply) });
      }
      this.#ui.log.append(this.#welcome(), ...this.#entries.map((entry) => this.#render(entry, false)));
      const last = this.#entries[this.#entries.length - 1];
      if (last && last.who === "user") {
        const history = this.#userTurns(this.#entries.length - 1);
        this.#showError("This question was not answered yet.", () => this.#send(last.text, history));
      }
      if (saved && saved.open) this.#setOpen(true, false);
    }

    #save() {
      try {
        sessionStorage.setItem(this.#storageKey, JSON.stringify({ open: this.#open, entries: this.#entries.slice(-KEPT_ENTRIES) }));
      } catch {
        // Storage full or blocked: the conversation just won't survive a reload.
      }
    }

    #setOpen(open, moveFocus) {
      const ui = this.#ui;
      this.#open = open;
      ui.panel.hidden = !open;
      ui.root.classList.toggle("open", open);
      ui.launcher.setAttribute("aria-expanded", String(open));
      this.#save();
      if (open) {
        this.#fitViewport();
        ui.log.scrollTop = ui.log.scrollHeight;
        if (moveFocus) ui.input.focus();
      } else if (moveFocus) {
        ui.launcher.focus();
      }
    }

    /** On small screens keep the panel inside the visual viewport, so the on-screen keyboard never hides the input. */
    #fitViewport() {
      const vv = window.visualViewport;
      if (!vv || !this.#ui) return;
      this.#ui.panel.style.setProperty("--vv-height", `${vv.height}px`);
      this.#ui.panel.style.setProperty("--vv-top", `${vv.offsetTop}px`);
    }

    #submit() {
      const text = this.#ui.input.value.trim();
      if (!text || this.#busy) return;
      this.#ui.input.value = "";
      this.#ask(text);
    }

    #ask(text) {
      if (this.#busy) return;
      const history = this.#userTurns(this.#entries.length);
      this.#add({ who: "user", text });
      this.#send(text, history);
    }

    /** The last few user messages before entry number `end`, oldest first. */
    #userTurns(end) {
      return this.#entries
        .slice(0, end)
        .filter((entry) => entry.who === "user")
        .map((entry) => entry.text)
        .slice(-HISTORY_TURNS);
    }

    async #send(message, history) {
      const generation = this.#generation;
      this.#clearError();
      this.#setBusy(true);
      try {
        const reply = await ask(this.#endpoint, message, history);
        if (generation === this.#generation) this.#add({ who: "bot", reply });
      } catch (err) {
        if (generation !== this.#generation) return;
        const text = err instanceof ChatError ? err.message : "Something went wrong. Please try again.";
        this.#showError(text, () => this.#send(message, history));
      } finally {
        if (generation === this.#generation) this.#setBusy(false);
      }
    }

    #setBusy(busy) {
      const ui = this.#ui;
      this.#busy = busy;
      ui.send.setAttribute("aria-disabled", String(busy));
      ui.log.setAttribute("aria-busy", String(busy));
      if (busy) {
        ui.typing.replaceChildren(h("span", { class: "dots", "aria-hidden": "true" }, h("span"), h("span"), h("span")), h("span", { class: "sr-only", text: "Looking for an answer…" }));
      } else {
        ui.typing.replaceChildren();
      }
    }

    #add(entry) {
      this.#entries.push(entry);
      this.#save();
      const node = this.#render(entry, true);
      this.#ui.log.append(node);
      // A user message: show the end; a reply: show its start, however long it is.
      const log = this.#ui.log;
      log.scrollTop = entry.who === "user" ? log.scrollHeight : node.offsetTop - 8; // .log is position: relative, the offset parent
    }

    #clear() {
      this.#generation += 1;
      this.#entries = [];
      this.#save();
      this.#setBusy(false);
      this.#ui.log.replaceChildren(this.#welcome());
      this.#ui.error = null;
      this.#ui.input.focus();
    }

    #showError(message, retry) {
      this.#clearError();
      const error = h(
        "div",
        { class: "msg error", role: "alert" },
        h("p", { text: message }),
        h("button", {
          type: "button",
          class: "retry",
          text: "Retry",
          onclick: () => {
            this.#ui.input.focus(); // the button is about to go away
            retry();
          },
        }),
      );
      this.#ui.error = error;
      this.#ui.log.append(error);
      this.#ui.log.scrollTop = this.#ui.log.scrollHeight;
    }

    #clearError() {
      if (this.#ui.error) this.#ui.error.remove();
      this.#ui.error = null;
    }

    #welcome() {
      return h(
        "div",
        { class: "msg bot welcome" },
        h("p", { text: "Hello! Ask me about stem cell treatments for lupus: what they are, how they work, benefits and risks, who may be a candidate, cost and availability. I answer with passages from our article." }),
      );
    }

    #render(entry, fresh) {
      if (entry.who === "user") {
        return h("div", { class: "msg user" }, h("span", { class: "sr-only", text: "You said: " }), h("p", { class: "text", text: entry.text }));
      }
      const reply = entry.reply;
      const emergency = reply.kind === "emergency";
      // A new emergency reply interrupts the screen reader; restored ones keep only the look.
      const node = h("div", { class: `msg bot ${reply.kind}`, role: emergency && fresh ? "alert" : null });
      node.append(emergency ? h("p", { class: "badge", text: "Emergency" }) : h("span", { class: "sr-only", text: "FAQ answer: " }));
      node.append(h("p", { class: "text", text: reply.reply }));
      const [best, ...rest] = reply.passages;
      if (reply.kind === "answer" && best) {
        node.append(this.#section(best.section));
        const others = rest.filter((p) => !reply.reply.includes(p.text));
        if (others.length) node.append(...this.#morePassages(others));
      }
      if (reply.disclaimer) node.append(h("p", { class: "disclaimer", text: reply.disclaimer }));
      if (reply.suggestions.length) {
        const buttons = reply.suggestions.map((s) => h("button", { type: "button", class: "suggestion", text: s, onclick: () => this.#suggest(s) }));
        node.append(h("div", { class: "suggestions", role: "group", "aria-label": "Suggested questions" }, ...buttons));
      }
      return node;
    }

    #section(name) {
      return h("p", { class: "section" }, "Section: ", h("cite", { text: name }));
    }

    /** A disclosure button and the hidden list of the other passages the server returned. */
    #morePassages(passages) {
      const id = `passages-${++uid}`;
      const count = passages.length === 1 ? "1 more passage" : `${passages.length} more passages`;
      const list = h("ul", { id, class: "passages", hidden: true }, ...passages.map((p) => h("li", {}, h("p", { class: "text", text: p.text }), this.#section(p.section))));
      const toggle = h("button", {
        type: "button",
        class: "more",
        "aria-expanded": "false",
        "aria-controls": id,
        text: `Show ${count}`,
        onclick: () => {
          const show = list.hidden;
          list.hidden = !show;
          toggle.setAttribute("aria-expanded", String(show));
          toggle.textContent = `${show ? "Hide" : "Show"} ${count}`;
        },
      });
      return [toggle, list];
    }

    #suggest(question) {
      if (this.#busy) return;
      this.#ui.input.focus();
      this.#ask(question);
    }
  }

  customElements.define(TAG, FaqChat);

  function mount() {
    if (document.querySelector(TAG)) return; // the page placed the element itself
    document.body.append(h(TAG, { endpoint: configuredEndpoint || defaultEndpoint }));
  }
  if (document.body) mount();
  else document.addEventListener("DOMContentLoaded", mount, { once: true });
})();
