//! A terminal screen for tests: what the bytes a program writes leave on
//! the screen, written from the VT100/VT420 manuals (and xterm's
//! ctlseqs.ms), not from hewal's code.
//!
//! Knows what a full-screen program's draw uses: printable text (wide
//! characters take two cells), CUP, CUF, ECH, SGR (kept per cell as its parameters),
//! ED 2, EL, IND, RI, NEL-free LF, DECSTBM, and the VT420 left and right
//! margins (DECLRMM, `CSI ? 69 h/l`, and DECSLRM, `CSI l ; r s` while it is
//! set). Modes it does not know (`?25`, `?1049`, `?2004`) are ignored;
//! anything else it cannot parse is an error, so a test sees a sequence it
//! did not expect.

use unicode_width::UnicodeWidthStr;

#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cell {
    pub text: String,
    /// The SGR parameters in force when it was written, from the last
    /// reset (`0;31` → "31"); empty for the default style.
    pub sgr: String,
}

impl Default for Cell {
    fn default() -> Self {
        Cell { text: " ".into(), sgr: String::new() }
    }
}

pub struct Screen {
    pub cols: u16,
    pub rows: u16,
    pub cells: Vec<Cell>,
    x: u16,
    y: u16,
    sgr: String,
    top: u16,
    bottom: u16,
    lr_mode: bool,
    left: u16,
    right: u16,
}

impl Screen {
    pub fn new(cols: u16, rows: u16) -> Screen {
        Screen {
            cols,
            rows,
            cells: vec![Cell::default(); cols as usize * rows as usize],
            x: 0,
            y: 0,
            sgr: String::new(),
            top: 0,
            bottom: rows - 1,
            lr_mode: false,
            left: 0,
            right: cols - 1,
        }
    }

    pub fn cell(&self, x: u16, y: u16) -> &Cell {
        &self.cells[y as usize * self.cols as usize + x as usize]
    }

    /// A cell erased now: blank, in the current style's background, as a
    /// terminal with background colour erase fills it (a draw that does not
    /// reset its style first shows here).
    fn erased(&self) -> Cell {
        Cell { text: " ".into(), sgr: self.sgr.clone() }
    }

    fn cell_mut(&mut self, x: u16, y: u16) -> &mut Cell {
        &mut self.cells[y as usize * self.cols as usize + x as usize]
    }

    /// The text of row `y`, the second cell of a wide character left out.
    pub fn row(&self, y: u16) -> String {
        (0..self.cols).map(|x| self.cell(x, y).text.clone()).collect()
    }

    /// Feed the bytes written to the terminal.
    pub fn feed(&mut self, bytes: &[u8]) -> Result<(), String> {
        let text = std::str::from_utf8(bytes).map_err(|e| e.to_string())?;
        let mut chars = text.chars().peekable();
        while let Some(c) = chars.next() {
            match c {
                '\x1b' => match chars.next() {
                    Some('[') => {
                        let mut params = String::new();
                        let end = loop {
                            match chars.next() {
                                Some(p) if ('\x30'..='\x3f').contains(&p) || p == '$' => params.push(p),
                                Some(f) => break f,
                                None => return Err("CSI cut short".into()),
                            }
                        };
                        self.csi(&params, end)?;
                    }
                    Some('D') => self.index(),
                    Some('M') => self.reverse_index(),
                    Some(']') => {
                        // OSC: skipped up to BEL or ST.
                        while let Some(o) = chars.next() {
                            if o == '\x07' || (o == '\x1b' && chars.next_if_eq(&'\\').is_some()) {
                                break;
                            }
                        }
                    }
                    other => return Err(format!("ESC {other:?}")),
                },
                '\n' => self.index(),
                '\r' => self.x = if self.lr_mode && self.x >= self.left { self.left } else { 0 },
                c if c < ' ' => return Err(format!("control {:?}", c)),
                c => self.print(c, &mut chars),
            }
        }
        Ok(())
    }

    fn print(&mut self, c: char, rest: &mut std::iter::Peekable<std::str::Chars>) {
        // A grapheme: the character and the combining marks after it.
        let mut g = c.to_string();
        while let Some(m) = rest.next_if(|m| m.to_string().width() == 0 && *m != '\x1b' && *m >= ' ') {
            g.push(m);
        }
        let w = g.width().max(1) as u16;
        if self.x + w > self.cols {
            return; // the draw never writes past the edge; ignore rather than wrap
        }
        let sgr = self.sgr.clone();
        // Half a wide character overwritten takes the other half with it.
        if self.x > 0 && self.cell(self.x, self.y).text.is_empty() {
            *self.cell_mut(self.x - 1, self.y) = Cell::default();
        }
        if self.x + w < self.cols && self.cell(self.x + w, self.y).text.is_empty() {
            *self.cell_mut(self.x + w, self.y) = Cell::default();
        }
        *self.cell_mut(self.x, self.y) = Cell { text: g, sgr: sgr.clone() };
        for i in 1..w {
            *self.cell_mut(self.x + i, self.y) = Cell { text: String::new(), sgr: sgr.clone() };
        }
        self.x = (self.x + w).min(self.cols - 1);
    }

    fn csi(&mut self, params: &str, end: char) -> Result<(), String> {
        let nums: Vec<u16> = params.trim_start_matches('?').split(';').map(|p| p.parse().unwrap_or(0)).collect();
        let n = |i: usize, default: u16| nums.get(i).copied().filter(|&v| v > 0).unwrap_or(default);
        match (params.starts_with('?'), end) {
            (false, 'H') => {
                self.y = (n(0, 1) - 1).min(self.rows - 1);
                self.x = (n(1, 1) - 1).min(self.cols - 1);
            }
            (false, 'C') => {
                let edge = if self.lr_mode && self.x <= self.right { self.right } else { self.cols - 1 };
                self.x = (self.x + n(0, 1)).min(edge);
            }
            (false, 'X') => {
                for x in self.x..(self.x + n(0, 1)).min(self.cols) {
                    *self.cell_mut(x, self.y) = self.erased();
                }
            }
            (false, 'm') => {
                let p = params.trim_start_matches('0').trim_start_matches(';');
                self.sgr = if params.is_empty() { String::new() } else { p.to_owned() };
            }
            (false, 'J') if n(0, 0) == 2 => {
                let blank = self.erased();
                self.cells.iter_mut().for_each(|c| *c = blank.clone())
            }
            (false, 'K') => {
                let from = if n(0, 0) == 0 { self.x } else { 0 };
                for x in from..self.cols {
                    *self.cell_mut(x, self.y) = self.erased();
                }
            }
            (false, 'r') => {
                let (t, b) = (n(0, 1) - 1, n(1, self.rows) - 1);
                if t < b && b < self.rows {
                    (self.top, self.bottom) = (t, b);
                }
                (self.x, self.y) = (0, 0);
            }
            (false, 's') if self.lr_mode => {
                let (l, r) = (n(0, 1) - 1, n(1, self.cols) - 1);
                if l < r && r < self.cols {
                    (self.left, self.right) = (l, r);
                }
                (self.x, self.y) = (0, 0);
            }
            (true, 'h' | 'l') => {
                if nums.contains(&69) {
                    self.lr_mode = end == 'h';
                    (self.left, self.right) = (0, self.cols - 1);
                }
            }
            _ => return Err(format!("CSI {params} {end}")),
        }
        Ok(())
    }

    /// The columns a scroll moves: within the left and right margins when
    /// they are on and the cursor is between them.
    fn scroll_columns(&self) -> Option<(u16, u16)> {
        match self.lr_mode {
            false => Some((0, self.cols - 1)),
            true if (self.left..=self.right).contains(&self.x) => Some((self.left, self.right)),
            true => None,
        }
    }

    fn index(&mut self) {
        if self.y != self.bottom {
            self.y = (self.y + 1).min(self.rows - 1);
            return;
        }
        let Some((l, r)) = self.scroll_columns() else { return };
        for y in self.top..self.bottom {
            for x in l..=r {
                *self.cell_mut(x, y) = self.cell(x, y + 1).clone();
            }
        }
        for x in l..=r {
            *self.cell_mut(x, self.bottom) = self.erased();
        }
    }

    fn reverse_index(&mut self) {
        if self.y != self.top {
            self.y = self.y.saturating_sub(1);
            return;
        }
        let Some((l, r)) = self.scroll_columns() else { return };
        for y in (self.top + 1..=self.bottom).rev() {
            for x in l..=r {
                *self.cell_mut(x, y) = self.cell(x, y - 1).clone();
            }
        }
        for x in l..=r {
            *self.cell_mut(x, self.top) = self.erased();
        }
    }
}
