/* Memoises a derivation on the identity of its input, so a selector that
   builds an array or object returns the same one until its input changes
   (zustand 5 needs stable snapshots). */
export function memoOn<I, O>(derive: (input: I) => O): (input: I) => O {
  let last: { input: I; output: O } | null = null;
  return (input) => {
    if (last && Object.is(last.input, input)) return last.output;
    const output = derive(input);
    last = { input, output };
    return output;
  };
}

/* The same for a derivation of several inputs, each compared by identity. */
export function memoOnAll<I extends unknown[], O>(derive: (...inputs: I) => O): (...inputs: I) => O {
  let last: { inputs: I; output: O } | null = null;
  return (...inputs) => {
    if (last && inputs.every((x, i) => Object.is(x, last!.inputs[i]))) return last.output;
    const output = derive(...inputs);
    last = { inputs, output };
    return output;
  };
}
