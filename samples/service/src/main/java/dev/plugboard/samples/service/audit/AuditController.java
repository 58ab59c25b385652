package dev.plugboard.samples.service.audit;

import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class AuditController {

	private final AuditLog auditLog;

	AuditController(AuditLog auditLog) {
		this.auditLog = auditLog;
	}

	@GetMapping("/audit")
	List<AuditLog.Entry> recent(@RequestParam(defaultValue = "20") int limit) {
		return this.auditLog.recent(limit);
	}

}
