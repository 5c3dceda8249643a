// The JavaScript side of ropa's WebAssembly module (crates/ropa-wasm):
// writes a JSON request into the module's memory, calls it, reads the JSON
// answer back. No dependencies; runs in a page, a web worker and Node.
//
//   import { Ropa } from "./ropa.js";
//   const ropa = await Ropa.load(bytesOrModule);
//   const { diagnostics } = ropa.call("check", { files: [{ name, text }] });
//
// `call` returns the answer's `ok` value and throws an Error with the
// module's message when the answer is an error.

const encoder = new TextEncoder();
const decoder = new TextDecoder();

export class Ropa {
  /** @param {WebAssembly.Module} module */
  constructor(module) {
    this.module = module;
    this.exports = new WebAssembly.Instance(module, {}).exports;
  }

  /**
   * @param {WebAssembly.Module | BufferSource} source the compiled module or its bytes
   */
  static async load(source) {
    const module = source instanceof WebAssembly.Module ? source : await WebAssembly.compile(source);
    return new Ropa(module);
  }

  /** The answer to one request, `{op, ...args}`. */
  call(op, args = {}) {
    const request = encoder.encode(JSON.stringify({ op, ...args }));
    let text;
    try {
      text = this.#roundTrip(request);
    } catch (e) {
      // A trap (a bug in ropa) leaves the instance unusable: start a fresh
      // one for the next call, and report this one.
      this.exports = new WebAssembly.Instance(this.module, {}).exports;
      throw new Error(`ropa failed on \`${op}\` (${e && e.message ? e.message : e}); please report it`);
    }
    const answer = JSON.parse(text);
    if ("error" in answer) throw new Error(answer.error);
    return answer.ok;
  }

  #roundTrip(request) {
    const { memory, ropa_input, ropa_call, ropa_output } = this.exports;
    const at = ropa_input(request.length);
    // Views are taken after each call: the memory may have grown and moved.
    new Uint8Array(memory.buffer, at, request.length).set(request);
    const length = ropa_call();
    const out = ropa_output();
    return decoder.decode(new Uint8Array(memory.buffer, out, length));
  }
}
