/**
 * A short two-note chime, synthesised with the Web Audio API (an oscillator and a gain envelope):
 * no audio file to download, nothing for a Content-Security-Policy `media-src` to block.
 *
 * Browsers let an `AudioContext` make sound only after a user gesture on the page
 * (https://developer.chrome.com/blog/autoplay/#web_audio), so the context is created by
 * `unlock()`, which the host calls from its click handlers; until then `chime()` stays silent
 * rather than logging the browser's autoplay warning. The context is closed in
 * `hostDisconnected`.
 */
import type { ReactiveController, ReactiveControllerHost } from 'lit';

export class SoundController implements ReactiveController {
  #context: AudioContext | null = null;

  constructor(host: ReactiveControllerHost) {
    host.addController(this);
  }

  /** Prepares sound output; call it from a user gesture (a click on the widget). */
  unlock(): void {
    const Context = globalThis.AudioContext;
    if (!Context) return;
    this.#context ??= new Context();
    if (this.#context.state === 'suspended') void this.#context.resume().catch(() => undefined);
  }

  /** Plays the chime (about a quarter of a second, quiet); silent before `unlock()`. */
  chime(): void {
    const ctx = this.#context;
    if (!ctx || ctx.state === 'closed') return;
    const start = ctx.currentTime + 0.01;
    const oscillator = ctx.createOscillator();
    const gain = ctx.createGain();
    oscillator.type = 'sine';
    oscillator.frequency.setValueAtTime(880, start);
    oscillator.frequency.setValueAtTime(1320, start + 0.1);
    gain.gain.setValueAtTime(0.0001, start);
    gain.gain.exponentialRampToValueAtTime(0.08, start + 0.02);
    gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.26);
    oscillator.connect(gain).connect(ctx.destination);
    oscillator.start(start);
    oscillator.stop(start + 0.28);
  }

  hostConnected(): void {}

  hostDisconnected(): void {
    void this.#context?.close().catch(() => undefined);
    this.#context = null;
  }
}
