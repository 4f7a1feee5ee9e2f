import { contextBridge, ipcRenderer } from 'electron';
import { createApiClient } from '../shared/api.ts';
import { bridgeSafeApi, createIpcTransport } from './ipc-transport.ts';

/*
 * The only thing the renderer gets from the preload: `window.streamlens`, the Streamlens API
 * over IPC. No ipcRenderer, no Node: the renderer can reach the main process through the API's
 * named calls and subscriptions and nothing else.
 */
contextBridge.exposeInMainWorld(
  'streamlens',
  bridgeSafeApi(createApiClient(createIpcTransport(ipcRenderer))),
);
