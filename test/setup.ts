import fc from "fast-check";

// Property tests are reproducible: a fixed seed unless FC_SEED asks for another (e.g. a random one locally).
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261129) });
