//! Layout of any text at any width: never a panic, never a control
//! character out, never a line wider than its width.
fn main() {
    afl::fuzz!(|data: &[u8]| {
        let Some((&w, text)) = data.split_first() else { return };
        let text = String::from_utf8_lossy(text);
        let width = usize::from(w % 120) + 1;
        for render in
            [hewal::text::Render::default(), hewal::text::Render { order: hewal::text::Order::Logical, shape: true }]
        {
            let opts = hewal::text::LayoutOptions { render, ..Default::default() };
            for line in hewal::text::layout_paragraph(&text, width, &opts) {
                let shown = line.text();
                assert!(line.width <= width, "{} > {width}: {shown:?}", line.width);
                assert!(!shown.chars().any(|c| c.is_control()), "{shown:?}");
            }
        }
    });
}
