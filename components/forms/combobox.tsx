"use client";

import { useEffect, useId, useRef, useState } from "react";
import { describedBy, FieldNotes } from "./fields";

export type ComboOption = { value: string; label: string; detail?: string };

type Source =
  /** A fixed list filtered in the browser (the ~400 time zones). */
  | { options: string[] | ComboOption[] }
  /** Asked of the server as one types (the project's items). */
  | { search: (text: string, signal: AbortSignal) => Promise<ComboOption[]> };

type Props = Source & {
  label: string;
  /** The form field: a hidden input holding the chosen option's value ("" for none). */
  name: string;
  /** The option chosen at first. */
  initial?: ComboOption | null;
  hint?: string;
  errors?: string[];
  required?: boolean;
  placeholder?: string;
  /** How many options the list shows at most. */
  max?: number;
};

const asOptions = (list: string[] | ComboOption[]): ComboOption[] => list.map((o) => (typeof o === "string" ? { value: o, label: o } : o));

/** Matches for a typed text in a fixed list: those starting with it first (word starts too: "berl" → Europe/Berlin), then containing it. */
export function filterOptions(options: ComboOption[], text: string, max: number): ComboOption[] {
  const t = text.trim().toLowerCase().replace(/\s+/g, "_");
  if (!t) return options.slice(0, max);
  const starts: ComboOption[] = [];
  const words: ComboOption[] = [];
  const contains: ComboOption[] = [];
  for (const o of options) {
    const l = o.label.toLowerCase();
    const at = l.indexOf(t);
    if (at === 0) starts.push(o);
    else if (at > 0 && /[/_\s-]/.test(l[at - 1])) words.push(o);
    else if (at > 0) contains.push(o);
  }
  return [...starts, ...words, ...contains].slice(0, max);
}

/**
 * A text box with a list of suggestions: the ARIA 1.2 combobox pattern (a labelled input with
 * role="combobox", a listbox popup, aria-activedescendant). ↓/↑ move through the suggestions
 * (↓ also opens the list), Enter picks one, Escape closes the list (or, closed, restores the
 * chosen option's text), Home/End stay in the text. The form posts the chosen option's value from
 * a hidden input; text that was not picked is never submitted: leaving the box restores the
 * choice, or clears it when the text was emptied (an optional field).
 */
export function Combobox(props: Props) {
  const { label, name, initial = null, hint, errors, required, placeholder, max = 10 } = props;
  const id = useId();
  const listId = `${id}-list`;
  const [chosen, setChosen] = useState<ComboOption | null>(initial);
  const [text, setText] = useState(initial?.label ?? "");
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const [results, setResults] = useState<ComboOption[]>([]);
  const [status, setStatus] = useState<"idle" | "loading" | "error">("idle");
  const fixed = "options" in props ? asOptions(props.options) : null;
  const search = "search" in props ? props.search : null;
  const inputRef = useRef<HTMLInputElement>(null);

  // Suggestions for the text: filtered here, or asked of the server after a short pause (the
  // previous request is aborted, so a slow answer never replaces a newer one).
  useEffect(() => {
    if (!open) return;
    if (fixed) {
      setResults(filterOptions(fixed, text === chosen?.label ? "" : text, max));
      return;
    }
    if (!search) return;
    const q = text.trim();
    if (!q || q === chosen?.label) {
      setResults([]);
      setStatus("idle");
      return;
    }
    const controller = new AbortController();
    setStatus("loading");
    const timer = setTimeout(() => {
      search(q, controller.signal).then(
        (found) => {
          setResults(found.slice(0, max));
          setStatus("idle");
        },
        (error: unknown) => {
          if ((error as { name?: string })?.name !== "AbortError") setStatus("error");
        },
      );
    }, 150);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // `fixed` and `search` are stable for a rendered field; the text and choice drive the list.
  }, [text, open, chosen, max]);

  useEffect(() => setActive(results.length ? 0 : -1), [results]);

  // After a successful action React resets the form; the choice goes back to the first one with it.
  useEffect(() => {
    const form = inputRef.current?.form;
    if (!form) return;
    const reset = () => {
      setChosen(initial);
      setText(initial?.label ?? "");
      setOpen(false);
    };
    form.addEventListener("reset", reset);
    return () => form.removeEventListener("reset", reset);
  }, [initial]);

  function pick(option: ComboOption) {
    setChosen(option);
    setText(option.label);
    setOpen(false);
  }

  function settle() {
    setOpen(false);
    if (text.trim() === "" && !required) setChosen(null);
    else setText(chosen?.label ?? "");
  }

  function onKeyDown(e: React.KeyboardEvent<HTMLInputElement>) {
    if (e.key === "ArrowDown") {
      e.preventDefault();
      if (!open) setOpen(true);
      else if (results.length) setActive((a) => (a + 1) % results.length);
    } else if (e.key === "ArrowUp") {
      e.preventDefault();
      if (open && results.length) setActive((a) => (a <= 0 ? results.length - 1 : a - 1));
    } else if (e.key === "Enter") {
      if (open && active >= 0 && results[active]) {
        e.preventDefault();
        pick(results[active]);
      } else if (open) {
        e.preventDefault();
      }
    } else if (e.key === "Escape") {
      if (open) {
        e.preventDefault();
        setOpen(false);
      } else if (text !== (chosen?.label ?? "")) {
        e.preventDefault();
        setText(chosen?.label ?? "");
      }
    } else if (e.key === "Tab") {
      if (open) settle();
    }
  }

  const described = [describedBy(id, hint, errors), `${id}-help`].filter(Boolean).join(" ");
  const showList = open && (results.length > 0 || status !== "idle" || (text.trim() !== "" && text !== chosen?.label));
  const message = status === "loading" ? "Searching…" : status === "error" ? "The search failed; try again." : results.length === 0 ? "No matches." : null;

  return (
    <div className="relative">
      <label htmlFor={id} className="label">
        {label}
        {required ? (
          <span className="text-red-600" aria-hidden="true">
            {" "}
            *
          </span>
        ) : null}
      </label>
      <input type="hidden" name={name} value={chosen?.value ?? ""} />
      <input
        ref={inputRef}
        id={id}
        type="text"
        role="combobox"
        className="input"
        autoComplete="off"
        spellCheck={false}
        placeholder={placeholder}
        aria-autocomplete="list"
        aria-expanded={showList}
        aria-controls={listId}
        aria-activedescendant={showList && active >= 0 && results[active] ? `${id}-opt-${active}` : undefined}
        aria-invalid={errors ? true : undefined}
        aria-describedby={described}
        aria-required={required || undefined}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onClick={() => setOpen(true)}
        onKeyDown={onKeyDown}
        onBlur={settle}
      />
      <span id={`${id}-help`} className="sr-only">
        Type to search; down and up arrows move through the suggestions, Enter picks one, Escape closes them.
      </span>
      <ul
        id={listId}
        role="listbox"
        aria-label="Suggestions"
        hidden={!showList}
        className="absolute z-20 mt-1 max-h-72 w-full overflow-y-auto rounded-md border border-slate-200 bg-white py-1 text-sm shadow-lg dark:shadow-black/40"
      >
        {results.map((o, i) => (
          <li
            key={o.value}
            id={`${id}-opt-${i}`}
            role="option"
            aria-selected={i === active}
            className={`flex cursor-pointer items-baseline justify-between gap-3 px-3 py-1.5 break-all ${i === active ? "bg-brand-50 text-brand-900" : ""}`}
            // mousedown, not click: the input's blur would otherwise settle first.
            onMouseDown={(e) => {
              e.preventDefault();
              pick(o);
            }}
            onMouseMove={() => setActive(i)}
          >
            <span>{o.label}</span>
            {o.detail ? <span className="shrink-0 text-xs text-slate-500">{o.detail}</span> : null}
          </li>
        ))}
        {message ? (
          <li role="presentation" className="px-3 py-1.5 text-slate-500">
            {message}
          </li>
        ) : null}
      </ul>
      <p className="sr-only" role="status" aria-live="polite">
        {showList && status === "idle" ? (results.length ? `${results.length} suggestion${results.length === 1 ? "" : "s"}.` : "No matches.") : ""}
      </p>
      <FieldNotes id={id} hint={hint} errors={errors} />
    </div>
  );
}
