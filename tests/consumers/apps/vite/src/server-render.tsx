import { renderToString } from 'react-dom/server'
import { Uploads } from './uploads'

// Built with `vite build --ssr` and run in plain Node: the packages import and render without a DOM.
process.stdout.write(renderToString(<Uploads />))
