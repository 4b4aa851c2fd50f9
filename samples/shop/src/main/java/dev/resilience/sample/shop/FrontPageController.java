package dev.resilience.sample.shop;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

/**
 * The front page: JSON for {@code curl}, HTML for a browser. It answers whatever state the
 * recommendation and time services are in.
 */
@RestController
class FrontPageController {

	private final RecommendationClient recommendations;

	private final TimeClient time;

	FrontPageController(RecommendationClient recommendations, TimeClient time) {
		this.recommendations = recommendations;
		this.time = time;
	}

	@GetMapping(path = "/", produces = MediaType.APPLICATION_JSON_VALUE)
	FrontPage frontPage(@RequestParam(defaultValue = "ada") String user) {
		return new FrontPage(user, this.recommendations.forUser(user), this.time.now());
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	String frontPageHtml(@RequestParam(defaultValue = "ada") String user) {
		FrontPage page = frontPage(user);
		StringBuilder html = new StringBuilder("<!DOCTYPE html><title>Shop</title>")
			.append("<h1>Welcome, ").append(HtmlUtils.htmlEscape(page.user())).append("</h1>")
			.append("<h2>").append(page.recommendations().heading()).append("</h2><ul>");
		page.recommendations().titles().forEach((title) -> html.append("<li>").append(HtmlUtils.htmlEscape(title)));
		return html.append("</ul><form method=post action=/orders><button>Buy</button></form>")
			.append("<footer>").append(HtmlUtils.htmlEscape(page.time())).append("</footer>")
			.toString();
	}

}
