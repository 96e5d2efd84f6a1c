/*
 * mkpdf: draws the fixture PDFs of scripts/mkstatements with cairo, from a
 * plain description on standard input, so that the hard cases of real
 * statements (fingerprints wrapped in narrow table cells, tables printed
 * twice, scanned pages) can be reproduced exactly:
 *
 *   page                        start a new page
 *   font sans|mono SIZE         choose the font
 *   text X Y STRING             STRING with its baseline at (X, Y)
 *   image X Y W H               a grey "scan": pixels, no text
 *
 * "mkpdf -e OUT" instead writes a minimal PDF encrypted with a password
 * that nobody knows (the standard security handler, revision 2).
 * Not part of the build: scripts/mkstatements compiles and runs it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>
#include <cairo-pdf.h>

static int
encrypted(const char *path)
{
	static const char *objs[] = {
		"<< /Type /Catalog /Pages 2 0 R >>",
		"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
		"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>",
		"<< /Filter /Standard /V 1 /R 2 /P -4 "
		    "/O <00112233445566778899AABBCCDDEEFF00112233445566778899"
		    "AABBCCDDEEFF> "
		    "/U <FFEEDDCCBBAA99887766554433221100FFEEDDCCBBAA998877665"
		    "54433221100> >>",
	};
	long	 off[4];
	FILE	*f = fopen(path, "wb");
	int	 i;
	long	 xref;

	if (f == NULL)
		return 1;
	fputs("%PDF-1.4\n", f);
	for (i = 0; i < 4; i++) {
		off[i] = ftell(f);
		fprintf(f, "%d 0 obj\n%s\nendobj\n", i + 1, objs[i]);
	}
	xref = ftell(f);
	fputs("xref\n0 5\n0000000000 65535 f \n", f);
	for (i = 0; i < 4; i++)
		fprintf(f, "%010ld 00000 n \n", off[i]);
	fprintf(f, "trailer\n<< /Size 5 /Root 1 0 R /Encrypt 4 0 R "
	    "/ID [<0123456789ABCDEF0123456789ABCDEF>"
	    "<0123456789ABCDEF0123456789ABCDEF>] >>\nstartxref\n%ld\n%%%%EOF\n",
	    xref);
	return fclose(f) != 0;
}

int
main(int argc, char *argv[])
{
	cairo_surface_t	*surf;
	cairo_t		*cr;
	char		 line[4096];
	int		 started = 0;

	if (argc == 3 && strcmp(argv[1], "-e") == 0)
		return encrypted(argv[2]);
	if (argc != 2) {
		fputs("usage: mkpdf OUT.pdf < description | mkpdf -e OUT\n",
		    stderr);
		return 2;
	}
	surf = cairo_pdf_surface_create(argv[1], 612, 792);
	cairo_pdf_surface_set_metadata(surf, CAIRO_PDF_METADATA_CREATE_DATE,
	    "2025-01-01T00:00:00Z");
	cr = cairo_create(surf);
	while (fgets(line, sizeof(line), stdin) != NULL) {
		double	 x, y, w, h, size;
		char	 face[16];
		int	 n;

		line[strcspn(line, "\n")] = '\0';
		if (strcmp(line, "page") == 0) {
			if (started)
				cairo_show_page(cr);
			started = 1;
		} else if (sscanf(line, "font %15s %lf", face, &size) == 2) {
			cairo_select_font_face(cr, strcmp(face, "mono") == 0 ?
			    "DejaVu Sans Mono" : "DejaVu Sans",
			    CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
			cairo_set_font_size(cr, size);
		} else if (sscanf(line, "text %lf %lf %n", &x, &y, &n) == 2) {
			cairo_set_source_rgb(cr, 0, 0, 0);
			cairo_move_to(cr, x, y);
			cairo_show_text(cr, line + n);
		} else if (sscanf(line, "image %lf %lf %lf %lf", &x, &y, &w,
		    &h) == 4) {
			cairo_surface_t	*img;
			unsigned char	*px;
			int		 i, stride;

			img = cairo_image_surface_create(CAIRO_FORMAT_RGB24,
			    (int)w, (int)h);
			cairo_surface_flush(img);
			px = cairo_image_surface_get_data(img);
			stride = cairo_image_surface_get_stride(img);
			for (i = 0; i < stride * (int)h; i++)
				px[i] = (unsigned char)(i * 7 % 251);
			cairo_surface_mark_dirty(img);
			cairo_set_source_surface(cr, img, x, y);
			cairo_paint(cr);
			cairo_surface_destroy(img);
		} else if (line[0] != '\0' && line[0] != '#') {
			fprintf(stderr, "mkpdf: cannot read: %s\n", line);
			return 1;
		}
	}
	cairo_show_page(cr);
	cairo_destroy(cr);
	cairo_surface_finish(surf);
	if (cairo_surface_status(surf) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "mkpdf: %s\n", cairo_status_to_string(
		    cairo_surface_status(surf)));
		return 1;
	}
	cairo_surface_destroy(surf);
	return 0;
}
