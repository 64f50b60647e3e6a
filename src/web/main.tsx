import { render } from 'preact';
import { adoptTokenFromAddress } from './api.js';
import { App } from './app.js';

adoptTokenFromAddress();
render(<App />, document.getElementById('app')!);
