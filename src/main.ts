import { mount } from 'svelte';
import App from './App.svelte';
import { engine } from './lib/engine';
import { bundledManifestUrl, registerDataset } from './lib/data/catalog';
import './app.css';

// Start the worker and the data registration now, in parallel with the first paint: the KPI tiles
// render from the build-time snapshot and never wait for the engine.
const dataReady = registerDataset(engine, bundledManifestUrl());
dataReady.catch(() => undefined);

mount(App, { target: document.getElementById('app')!, props: { dataReady } });
